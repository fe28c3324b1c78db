package io.jenkins.plugins.deploygates.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.cli.DeployGatesCli;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.testing.ArtifactServer;
import io.jenkins.plugins.deploygates.testing.ChromiumPage;
import io.jenkins.plugins.deploygates.testing.HeadlessChromium;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report where people open it: archived in Jenkins and served with Jenkins' default Content-Security-Policy
 * ({@link ArtifactServer#JENKINS_CSP}, with {@code nosniff}), loaded in Debian's headless chromium. The stylesheet
 * beside the page applies, the charts keep their colours, chromium's console reports no CSP violation, links work
 * inside Jenkins' sandbox, and the same folder opened from disk looks the same. Screenshots are kept in
 * {@code target/report-browser/}.
 */
class ReportBrowserTest {
    static final Path ARTIFACTS = Path.of("target", "report-browser");
    private static final int WIDTH = 1280;

    @TempDir
    static Path dir;
    private static HeadlessChromium chromium;
    private static ArtifactServer jenkins;
    private static Path reports;
    /** The full fixture as Jenkins would serve it, loaded once for the tests that only read it. */
    private static ChromiumPage served;

    @BeforeAll
    static void serveTheFixtureAsJenkinsWould() throws Exception {
        chromium = HeadlessChromium.start(dir.resolve("chromium"));
        reports = ReportFixture.full(dir.resolve("reports"));
        DeployGatesReportTest.report().write(reports, null);
        jenkins = ArtifactServer.serving(reports);
        served = chromium.open(jenkins.url(DeployGatesReport.FILE), WIDTH);
    }

    @AfterAll
    static void stop() throws Exception {
        if (jenkins != null) {
            jenkins.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void underJenkinsCspTheStylesheetBesideThePageAppliesAndChromiumRefusesNothing() {
        assertThat(served.cspViolations()).as("chromium's console: %s", served.console()).isEmpty();
        assertThat(jenkins.requested()).contains("/" + DeployGatesReport.STYLESHEET);
        assertThat(served.computedStyle("body", "background-color", "font-family")).containsEntry(
                "background-color", "rgb(245, 247, 250)").hasEntrySatisfying("font-family", f -> assertThat(f).startsWith("system-ui"));
        assertThat(served.computedStyle("article.card", "background-color", "border-top-left-radius"))
                .containsEntry("background-color", "rgb(255, 255, 255)").containsEntry("border-top-left-radius", "10px");
        assertThat(served.computedStyle("table.services", "font-size", "border-collapse"))
                .containsEntry("font-size", "14px").containsEntry("border-collapse", "collapse");
        assertThat(served.computedStyle("table.services th", "text-transform")).containsEntry("text-transform", "uppercase");
        assertThat(served.computedStyle(".badge.pass", "background-color", "color"))
                .containsEntry("background-color", "rgb(218, 251, 225)").containsEntry("color", "rgb(26, 127, 55)");
        assertThat(served.computedStyle("dl.stats .stat", "border-top-style", "display"))
                .containsEntry("border-top-style", "solid").containsEntry("display", "block");
    }

    @Test
    void underJenkinsCspTheChartsDrawWithTheirColours() {
        assertThat(served.computedStyles("svg.chart polyline.latency", "stroke", "fill", "stroke-width"))
                .hasSize(3).allSatisfy(s -> assertThat(s).containsEntry("stroke", "rgb(37, 99, 235)")
                        .containsEntry("fill", "none").containsEntry("stroke-width", "1.6px"));
        assertThat(served.computedStyles("svg.chart line.p95", "stroke", "stroke-dasharray"))
                .hasSize(3).allSatisfy(s -> assertThat(s).containsEntry("stroke", "rgb(217, 119, 6)")
                        .containsEntry("stroke-dasharray", "6px, 4px"));
        assertThat(served.computedStyles("svg.chart circle.fail-mark", "fill")).hasSize(53)
                .allSatisfy(s -> assertThat(s).containsEntry("fill", "rgb(207, 34, 46)"));
        assertThat(served.computedStyle("svg.chart rect.watch", "fill")).containsEntry("fill", "rgb(240, 245, 255)");
        assertThat(served.computedStyle("svg.chart text.tick", "fill", "font-size"))
                .containsEntry("fill", "rgb(97, 110, 124)").containsEntry("font-size", "12px");
    }

    @Test
    void theBrowsersDomHoldsEveryChartWithItsMarksAndFigures() {
        Document dom = served.dom();

        assertThat(dom.select("svg.chart")).hasSize(3);
        Element staging = DeployGatesReportTest.chart(dom, ReportFixture.STAGING);
        assertThat(DeployGatesReportTest.points(staging)).isEqualTo(40);
        assertThat(staging.select("circle.fail-mark")).hasSize(3);
        Element api = DeployGatesReportTest.chart(dom, ReportFixture.API);
        assertThat(api.attr("data-samples")).isEqualTo("10000");
        assertThat(DeployGatesReportTest.points(api)).isLessThanOrEqualTo(2 * LatencyChart.COLUMNS)
                .isEqualTo(Integer.parseInt(api.attr("data-drawn")));
        assertThat(api.select("circle.fail-mark")).hasSize(50);
        assertThat(api.selectFirst("text.p95-label").text()).isEqualTo("watch p95 " + apiWatchP95() + " ms");
        assertThat(DeployGatesReportTest.chart(dom, ReportFixture.WS).select("circle.fail-mark")).isEmpty();
        assertThat(DeployGatesReportTest.stat(DeployGatesReportTest.stats(dom, ReportFixture.API, "watch"), "failed"))
                .isEqualTo("50 (0.5%)");
        assertThat(dom.select("[style], style, script")).isEmpty();
    }

    @Test
    void theBrowsersDomHoldsTheTablesAndTheTimeline() {
        Document dom = served.dom();

        assertThat(DeployGatesReportTest.rows(dom, "table.services")).extracting(r -> r.get(0) + " " + r.get(2))
                .containsExactly("web running", "worker running", "cache exited");
        assertThat(DeployGatesReportTest.rows(dom, "table.checks")).extracting(r -> r.get(1))
                .containsExactly("passed", "passed", "failed");
        assertThat(dom.selectFirst("table.deployments code.deployment-id").text()).isEqualTo(ReportFixture.DEPLOYMENT_ID);
        assertThat(dom.select("table.deployments a")).extracting(a -> a.attr("href"))
                .allMatch(href -> href.startsWith("https://railway.com/") && href.endsWith(ReportFixture.DEPLOYMENT_ID));
        assertThat(dom.select("ol.timeline li.event")).hasSize(12);
        assertThat(dom.select("li.event.fail")).extracting(e -> e.attr("data-kind")).containsExactly("refusal", "gate");
    }

    @Test
    void theScreenshotUnderJenkinsCspShowsThePageWithPassAndFailColours() throws Exception {
        Path png = served.screenshot(ARTIFACTS.resolve("report-under-jenkins-csp.png"));

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isGreaterThan(2000);
        assertThat(count(image, 0xffffff)).as("white cards").isGreaterThan(100_000);
        assertThat(count(image, 0xcf222e)).as("red of failure marks and badges").isGreaterThan(200);
        assertThat(count(image, 0x1a7f37)).as("green of passed badges").isGreaterThan(50);
        assertThat(count(image, 0x2563eb)).as("blue of the latency line").isGreaterThan(200);
        Files.copy(reports.resolve(DeployGatesReport.FILE), ARTIFACTS.resolve(DeployGatesReport.FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(reports.resolve(DeployGatesReport.STYLESHEET), ARTIFACTS.resolve(DeployGatesReport.STYLESHEET),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The check itself can fail: a page that styles itself inline, as the report once did, is caught twice. */
    @Test
    void anInlineStyleIsReportedAsAViolationAndLeavesThePageUnstyled() throws Exception {
        Path inline = Files.createDirectories(dir.resolve("inline"));
        String page = Files.readString(reports.resolve(DeployGatesReport.FILE))
                .replace("<link rel=\"stylesheet\" href=\"" + DeployGatesReport.STYLESHEET + "\">",
                        "<style>" + Files.readString(reports.resolve(DeployGatesReport.STYLESHEET)) + "</style>");
        Files.writeString(inline.resolve("inline.html"), page);

        try (ArtifactServer server = ArtifactServer.serving(inline)) {
            ChromiumPage refused = chromium.open(server.url("inline.html"), WIDTH);

            assertThat(refused.cspViolations()).isNotEmpty().anySatisfy(v -> assertThat(v).contains("style-src 'self'"));
            assertThat(refused.computedStyle("article.card", "background-color"))
                    .containsEntry("background-color", "rgba(0, 0, 0, 0)");
        }
    }

    /** As a Jenkins user reads artifacts when anonymous may not: every request, the stylesheet's too, authenticated. */
    @Test
    void aPageBehindAuthenticationIsStyledWhenTheTabSendsTheCredentials() throws Exception {
        Map<String, String> credentials = Map.of("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("alice:api-token-for-the-test".getBytes(StandardCharsets.UTF_8)));
        try (ArtifactServer server = ArtifactServer.serving(reports, credentials)) {
            ChromiumPage page = chromium.open(server.url(DeployGatesReport.FILE), WIDTH, credentials);

            assertThat(page.computedStyle("article.card", "background-color"))
                    .containsEntry("background-color", "rgb(255, 255, 255)");
            assertThat(server.requested()).contains("/" + DeployGatesReport.STYLESHEET);
        }
    }

    /** The CLI case: the folder opened from disk, nothing served, nothing fetched from the network. */
    @Test
    void openedFromDiskThePageFindsItsStylesheetBesideIt() throws Exception {
        ChromiumPage local = chromium.open(reports.resolve(DeployGatesReport.FILE).toUri(), WIDTH);

        assertThat(local.cspViolations()).as("chromium's console: %s", local.console()).isEmpty();
        assertThat(local.computedStyle("article.card", "background-color"))
                .containsEntry("background-color", "rgb(255, 255, 255)");
        assertThat(local.computedStyle("svg.chart polyline.latency", "stroke")).containsEntry("stroke", "rgb(37, 99, 235)");
    }

    /**
     * Jenkins serves the page in a sandbox without {@code allow-popups}: a link that opens a new tab does nothing
     * there. The report's links open in the same tab, so a click reaches the deployment.
     */
    @Test
    void aLinkInThePageWorksInsideJenkinsSandbox() throws Exception {
        Path linked = Files.createDirectories(dir.resolve("linked"));
        try (ArtifactServer server = ArtifactServer.serving(linked)) {
            Map<String, Object> railway = new LinkedHashMap<>(ReportFixture.railway());
            railway.put("url", server.url("deployment").toString());
            Json.write(linked.resolve("railway-up.json"), railway);
            DeployGatesReportTest.report().write(linked, null);
            ChromiumPage page = chromium.open(server.url(DeployGatesReport.FILE), WIDTH);

            page.click("table.deployments td[data-col=links] a");

            awaitRequest(server, "/deployment");
            assertThat(page.console()).noneMatch(l -> l.contains("sandboxed") || l.contains("allow-popups"));
        }
    }

    /**
     * The demo's PASS card under Jenkins' policy: its figures agree with its headline (watch figures from the watch,
     * warm-up probes counted as "not ready"), so it shows no failure tile.
     */
    @Test
    void theDemosPassCardShowsNoFailureTile() throws Exception {
        Path demo = dir.resolve("demo");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = DeployGatesCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                "demo", "--healthy-after", "1500ms", "--watch", "1s", "--report-dir", demo.toString());
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();

        try (ArtifactServer server = ArtifactServer.serving(demo)) {
            ChromiumPage page = chromium.open(server.url(DeployGatesReport.FILE), WIDTH);
            Document dom = page.dom();
            Element card = dom.selectFirst("article.gate");

            assertThat(card.selectFirst(".card-head .badge").text()).isEqualTo("PASS");
            assertThat(card.select(".stat.fail, .stat.warn")).isEmpty();
            Element watch = card.selectFirst("dl.stats[data-phase=watch]");
            assertThat(DeployGatesReportTest.stat(watch, "failed")).isEqualTo("0 (0.0%)");
            assertThat(DeployGatesReportTest.stat(watch, "p95")).isEqualTo(headlineP95(card.selectFirst("p.reason").text()) + " ms");
            assertThat(Integer.parseInt(DeployGatesReportTest.stat(card.selectFirst("dl.stats[data-phase=await]"), "not ready")))
                    .as("the demo service answers 503 while it starts").isPositive();
            assertThat(page.computedStyle("article.gate [data-phase=watch] [data-stat=failed] dd", "color"))
                    .containsEntry("color", "rgb(26, 127, 55)");
            assertThat(page.cspViolations()).as("chromium's console: %s", page.console()).isEmpty();
            page.screenshot(ARTIFACTS.resolve("demo-under-jenkins-csp.png"));
        }
    }

    private static long headlineP95(String reason) {
        Matcher m = Pattern.compile("p95 (\\d+)ms$").matcher(reason);
        assertThat(m.find()).as(reason).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static void awaitRequest(ArtifactServer server, String path) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!server.requested().contains(path)) {
            assertThat(System.nanoTime()).as("chromium asked for %s within 60 s; it asked for %s", path,
                    server.requested()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static long apiWatchP95() {
        long[] latencies = java.util.stream.IntStream.range(1, 10_000).mapToLong(ReportFixture::apiLatency).toArray();
        return ReportFixture.p95(latencies);
    }

    /** Pixels within a small distance of the colour (anti-aliasing blends edges). */
    private static long count(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                n += close(image.getRGB(x, y), rgb) ? 1 : 0;
            }
        }
        return n;
    }

    private static boolean close(int a, int b) {
        return List.of(16, 8, 0).stream().allMatch(s -> Math.abs(((a >> s) & 0xff) - ((b >> s) & 0xff)) <= 24);
    }
}
