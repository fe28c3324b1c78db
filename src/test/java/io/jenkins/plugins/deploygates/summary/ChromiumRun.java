package io.jenkins.plugins.deploygates.summary;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * One page in Debian's headless chromium, opened from a URL the way a user opens it: the DOM chromium built, what
 * its console said (a refused style or load is reported there), and a screenshot. Each call is one browser process
 * with a throw-away profile and no network chatter.
 */
final class ChromiumRun {
    private static final long WITHIN_SECONDS = 180;

    /** The DOM after chromium parsed and laid out the page (what it refused is left out of the rendering, not the DOM). */
    final String dom;
    /** chromium's console lines ({@code INFO:CONSOLE... "message", source: url}). */
    final List<String> console;

    private ChromiumRun(String dom, List<String> console) {
        this.dom = dom;
        this.console = console;
    }

    /** The console lines that report a Content-Security-Policy violation. */
    List<String> cspViolations() {
        return console.stream().filter(l -> l.contains("Content Security Policy")).collect(Collectors.toList());
    }

    /** Opens the page, and writes a {@code width} x {@code height} screenshot of it to {@code png}. */
    static ChromiumRun open(URI url, Path png, int width, int height) throws IOException, InterruptedException {
        Path work = Files.createDirectories(png.toAbsolutePath().getParent().resolve("chromium"));
        Path stderr = Files.createTempFile(work, "console", ".log");
        String dom = run(work, stderr, url, "--enable-logging=stderr", "--v=0", "--dump-dom");
        run(work, Files.createTempFile(work, "screenshot", ".log"), url, "--hide-scrollbars",
                "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath());
        List<String> console = Files.readAllLines(stderr, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(":CONSOLE")).collect(Collectors.toList());
        return new ChromiumRun(dom, console);
    }

    private static String run(Path work, Path stderr, URI url, String... options) throws IOException, InterruptedException {
        List<String> command = Stream.concat(Stream.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--force-color-profile=srgb", "--user-data-dir=" + Files.createTempDirectory(work, "profile")),
                Stream.concat(Stream.of(options), Stream.of(url.toString()))).collect(Collectors.toList());
        Path stdout = Files.createTempFile(work, "dom", ".html");
        Process chromium = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!chromium.waitFor(WITHIN_SECONDS, TimeUnit.SECONDS)) {
            chromium.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not render " + url + " within " + WITHIN_SECONDS + " s");
        }
        if (chromium.exitValue() != 0) {
            throw new AssertionError("chromium exited " + chromium.exitValue() + " on " + url + ": " + Files.readString(stderr));
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    /** chromium from {@code $CHROMIUM} or the PATH; the test is skipped without it, or fails where CI requires it. */
    private static Path binary() {
        String explicit = System.getenv("CHROMIUM");
        Stream<Path> fromPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .flatMap(dir -> Stream.of(Path.of(dir, "chromium"), Path.of(dir, "chromium-browser")));
        return Stream.concat(explicit == null || explicit.isBlank() ? Stream.empty() : Stream.of(Path.of(explicit)), fromPath)
                .filter(Files::isExecutable).findFirst().orElseGet(() -> {
                    String why = "chromium not found on the PATH (or $CHROMIUM): install Debian's chromium "
                            + "(apt-get install -y chromium, as .ci/run does) to run the browser test";
                    if ("required".equals(System.getenv("DEPLOY_GATES_REAL_SERVICES"))) {
                        throw new AssertionError(why + " (DEPLOY_GATES_REAL_SERVICES=required)");
                    }
                    Assumptions.abort(why);
                    return null;
                });
    }
}
