package io.jenkins.plugins.deploygates.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless chromium, started by the test itself with a throw-away profile and no network chatter, driven
 * over the DevTools protocol. {@link #open} loads a URL (a page served by a test server or by a real Jenkins, or a
 * file) and hands back a {@link ChromiumPage}: the DOM chromium built, computed styles, every console message
 * (Content-Security-Policy violations among them) and a screenshot.
 *
 * <p>Without a chromium the test is skipped with one line, or fails with that line when
 * {@code DEPLOY_GATES_REAL_SERVICES=required} (CI): a browser test that silently does not run proves nothing.
 */
public final class HeadlessChromium implements AutoCloseable {
    /** A browser that starts on a busy machine within this is healthy; one that does not, will not. */
    private static final Duration START_WITHIN = Duration.ofSeconds(90);
    private final Process process;
    private final DevToolsConnection devTools;

    private HeadlessChromium(Process process, DevToolsConnection devTools) {
        this.process = process;
        this.devTools = devTools;
    }

    /**
     * Starts chromium (from {@code $CHROMIUM}, else {@code chromium} or {@code chromium-browser} on the PATH) with its
     * profile and logs under {@code workDir}; skips or fails the calling test when there is none.
     */
    public static HeadlessChromium start(Path workDir) throws IOException, InterruptedException {
        Path binary = binary(System.getenv());
        Files.createDirectories(workDir);
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        Path stderr = workDir.resolve(profile.getFileName() + ".log");
        Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--mute-audio",
                "--hide-scrollbars", "--force-color-profile=srgb", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        try {
            return new HeadlessChromium(process, DevToolsConnection.open(endpoint(profile, process, stderr)));
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Loads the URL in a new tab of {@code width} CSS pixels (the page's full height is captured) and waits for it. */
    public ChromiumPage open(URI url, int width) throws InterruptedException {
        return open(url, width, Map.of());
    }

    /**
     * The same, sending these headers with every request of the tab (the page and its stylesheet alike), for
     * example {@code Authorization: Basic ...} with a Jenkins user's API token to read a build's artifacts.
     */
    public ChromiumPage open(URI url, int width, Map<String, String> headers) throws InterruptedException {
        return ChromiumPage.load(devTools, url, width, headers);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            devTools.send("Browser.close", Map.of());
        } catch (RuntimeException alreadyGone) {
            // The browser may close the connection before it answers; it is going away either way.
        } finally {
            devTools.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The browser from {@code $CHROMIUM} or the PATH of {@code env}; without one, the calling test is skipped with
     * one line, or fails with it when {@code env} says {@code DEPLOY_GATES_REAL_SERVICES=required}.
     */
    static Path binary(Map<String, String> env) {
        List<Path> candidates = new ArrayList<>();
        String explicit = env.get("CHROMIUM");
        if (explicit != null && !explicit.isBlank()) {
            candidates.add(Path.of(explicit));
        }
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            candidates.add(Path.of(dir, "chromium"));
            candidates.add(Path.of(dir, "chromium-browser"));
        }
        Optional<Path> found = candidates.stream().filter(Files::isExecutable).findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        String why = "chromium not found on the PATH (or $CHROMIUM): install Debian's chromium "
                + "(apt-get install -y chromium, as .ci/run does) to run the browser tests";
        if ("required".equals(env.get("DEPLOY_GATES_REAL_SERVICES"))) {
            throw new AssertionError(why + " (DEPLOY_GATES_REAL_SERVICES=required)");
        }
        Assumptions.abort(why);
        throw new AssertionError("unreachable: Assumptions.abort throws");
    }

    /** The browser writes its DevTools port and path into the profile once it listens. */
    private static URI endpoint(Path profile, Process process, Path stderr) throws IOException, InterruptedException {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + START_WITHIN.toNanos();
        while (true) {
            List<String> lines = Files.exists(portFile) ? Files.readAllLines(portFile, StandardCharsets.UTF_8) : List.of();
            if (lines.size() >= 2) {
                return URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("chromium did not open its DevTools port within " + START_WITHIN.toSeconds()
                        + " s (alive: " + process.isAlive() + "): " + Files.readString(stderr));
            }
            Thread.sleep(50);
        }
    }
}
