package io.jenkins.plugins.deploygates.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A screenshot of a page by Debian's headless chromium (a new profile each time, no network chatter). */
final class Screenshot {
    private Screenshot() {}

    /** {@code /usr/bin/chromium} or {@code $CHROMIUM}, when installed. */
    static Optional<Path> chromium() {
        String explicit = System.getenv("CHROMIUM");
        Path browser = Path.of(explicit == null || explicit.isBlank() ? "/usr/bin/chromium" : explicit);
        return Files.isExecutable(browser) ? Optional.of(browser) : Optional.empty();
    }

    static void take(Path browser, String url, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        Path profile = Files.createTempDirectory(png.getParent(), "chromium-profile");
        Path log = png.resolveSibling(png.getFileName() + ".chromium.log");
        Process process = new ProcessBuilder(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--user-data-dir=" + profile, "--hide-scrollbars",
                "--window-size=1280,900", "--virtual-time-budget=5000", "--screenshot=" + png, url))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not take the screenshot within 3 minutes; see " + log);
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(png)) {
            throw new AssertionError("chromium exited " + process.exitValue() + " without a screenshot; see " + log);
        }
    }
}
