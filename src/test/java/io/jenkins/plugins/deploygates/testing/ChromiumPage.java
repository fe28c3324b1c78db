package io.jenkins.plugins.deploygates.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * One page loaded in {@link HeadlessChromium}, as the browser sees it: the DOM it built, the computed style of any
 * element (what the stylesheet and presentation attributes really produced, not what the markup asks for), every
 * console message since the tab opened (Content-Security-Policy violations among them), a full-page screenshot,
 * and clicks. Nothing here runs script in the page: Jenkins' sandbox forbids it, so the facts are read through
 * the DevTools protocol's DOM and CSS domains instead.
 */
public final class ChromiumPage {
    private static final int MAX_SCREENSHOT_HEIGHT = 16_384;
    private final Tab tab;

    /** The browser connection, this tab's session on it, and the tab's width in CSS pixels. */
    private record Tab(DevToolsConnection devTools, String session, int width) {}

    private ChromiumPage(Tab tab) {
        this.tab = tab;
    }

    static ChromiumPage load(DevToolsConnection devTools, URI url, int width, Map<String, String> headers)
            throws InterruptedException {
        String target = devTools.send("Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        String session = devTools.send("Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .path("sessionId").asText();
        ChromiumPage page = new ChromiumPage(new Tab(devTools, session, width));
        for (String domain : List.of("Page", "Runtime", "Log", "Audits", "DOM", "CSS")) {
            page.send(domain + ".enable", Map.of());
        }
        page.send("Page.setLifecycleEventsEnabled", Map.of("enabled", true));
        if (!headers.isEmpty()) {
            page.send("Network.enable", Map.of());
            page.send("Network.setExtraHTTPHeaders", Map.of("headers", headers));
        }
        page.viewport(900);
        JsonNode navigation = page.send("Page.navigate", Map.of("url", url.toString()));
        if (navigation.hasNonNull("errorText")) {
            throw new AssertionError("chromium could not open " + url + ": " + navigation.get("errorText").asText());
        }
        String loader = navigation.path("loaderId").asText();
        devTools.await(e -> page.own(e) && "Page.lifecycleEvent".equals(e.path("method").asText())
                && "load".equals(e.at("/params/name").asText()) && loader.equals(e.at("/params/loaderId").asText()),
                "the load of " + url);
        return page;
    }

    /** The document as chromium built it (after parsing, with whatever it refused left out of the rendering). */
    public Document dom() {
        int root = document();
        return Jsoup.parse(send("DOM.getOuterHTML", Map.of("nodeId", root)).path("outerHTML").asText());
    }

    /** The computed values of these properties for every element the selector matches, in document order. */
    public List<Map<String, String>> computedStyles(String selector, String... properties) {
        Set<String> wanted = Set.of(properties);
        List<Map<String, String>> styles = new ArrayList<>();
        for (JsonNode node : send("DOM.querySelectorAll", Map.of("nodeId", document(), "selector", selector))
                .path("nodeIds")) {
            Map<String, String> style = new LinkedHashMap<>();
            for (JsonNode p : send("CSS.getComputedStyleForNode", Map.of("nodeId", node.asInt())).path("computedStyle")) {
                if (wanted.contains(p.path("name").asText())) {
                    style.put(p.path("name").asText(), p.path("value").asText());
                }
            }
            styles.add(style);
        }
        return styles;
    }

    /** The computed values for the first element the selector matches; an AssertionError when none does. */
    public Map<String, String> computedStyle(String selector, String... properties) {
        List<Map<String, String>> all = computedStyles(selector, properties);
        if (all.isEmpty()) {
            throw new AssertionError("no element matches " + selector);
        }
        return all.get(0);
    }

    /** Every console message and browser-reported issue of this tab so far, one line each. */
    public List<String> console() {
        List<String> lines = new ArrayList<>();
        for (JsonNode e : tab.devTools().events()) {
            if (own(e)) {
                String line = describe(e);
                if (line != null) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /** The console lines and issues that report a Content-Security-Policy violation (a refused style, a blocked load). */
    public List<String> cspViolations() {
        return console().stream().filter(l -> l.contains("Content Security Policy") || l.contains("ContentSecurityPolicy"))
                .toList();
    }

    /** A PNG of the whole page, as wide as the tab and as tall as the content (up to 16,384 pixels). */
    public byte[] screenshot() {
        JsonNode size = send("Page.getLayoutMetrics", Map.of()).path("cssContentSize");
        viewport((int) Math.min(MAX_SCREENSHOT_HEIGHT, Math.ceil(size.path("height").asDouble())));
        String png = send("Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
        return Base64.getDecoder().decode(png);
    }

    /** Writes {@link #screenshot()} to the file (a test artifact under target/) and returns it. */
    public Path screenshot(Path png) throws java.io.IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        return Files.write(png, screenshot());
    }

    /** A left click in the middle of the first element the selector matches, as a person would click it. */
    public void click(String selector) {
        int node = send("DOM.querySelector", Map.of("nodeId", document(), "selector", selector)).path("nodeId").asInt();
        if (node == 0) {
            throw new AssertionError("no element matches " + selector);
        }
        send("DOM.scrollIntoViewIfNeeded", Map.of("nodeId", node));
        JsonNode quad = send("DOM.getContentQuads", Map.of("nodeId", node)).path("quads").path(0);
        double x = (quad.get(0).asDouble() + quad.get(4).asDouble()) / 2;
        double y = (quad.get(1).asDouble() + quad.get(5).asDouble()) / 2;
        for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
            send("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
        }
    }

    private int document() {
        return send("DOM.getDocument", Map.of("depth", 0)).path("root").path("nodeId").asInt();
    }

    private void viewport(int height) {
        send("Emulation.setDeviceMetricsOverride", Map.of("width", tab.width(), "height", height, "deviceScaleFactor", 1,
                "mobile", false));
    }

    private JsonNode send(String method, Map<String, ?> params) {
        return tab.devTools().send(tab.session(), method, params);
    }

    private boolean own(JsonNode event) {
        return tab.session().equals(event.path("sessionId").asText());
    }

    private static String describe(JsonNode e) {
        JsonNode p = e.path("params");
        switch (e.path("method").asText()) {
            case "Log.entryAdded":
                return p.at("/entry/level").asText() + " " + p.at("/entry/source").asText() + ": " + p.at("/entry/text").asText();
            case "Runtime.consoleAPICalled":
                StringBuilder text = new StringBuilder(p.path("type").asText()).append(" console:");
                p.path("args").forEach(a -> text.append(' ').append(a.path("value").asText(a.path("description").asText())));
                return text.toString();
            case "Runtime.exceptionThrown":
                return "error exception: " + p.at("/exceptionDetails/exception/description").asText(
                        p.at("/exceptionDetails/text").asText());
            case "Audits.issueAdded":
                return "issue " + p.at("/issue/code").asText() + ": " + p.at("/issue/details");
            default:
                return null;
        }
    }
}
