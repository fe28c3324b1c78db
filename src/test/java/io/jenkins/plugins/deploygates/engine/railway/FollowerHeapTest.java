package io.jenkins.plugins.deploygates.engine.railway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The follower against a Railway whose subscription acknowledges and then sends one message announced as a terabyte
 * (each time it is opened), from a JVM whose heap is 32 MB, as the health probes' floods run in {@code ProbeHeapTest}:
 * each subscription is dropped at the cap, and polling brings the verdict, never an OutOfMemoryError.
 */
class FollowerHeapTest {
    private static final String CAP_HIT = "Railway's subscription sent a message larger than the 4 MiB cap;"
            + " connection dropped";

    @Test
    void anEndlessSubscriptionMessageEndsInAVerdictNotAnOutOfMemoryError() throws Exception {
        try (HostileRailway railway = HostileRailway.endlessMessage()) {
            Process child = new ProcessBuilder(javaBinary(), "-Xmx32m", "-XX:+UseSerialGC",
                    "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                    HeapBoundedFollow.class.getName(), railway.url()).redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();

            assertThat(child.exitValue()).as(output).isZero();
            assertThat(output).doesNotContain("OutOfMemoryError").contains("verdict=PASSED");
            assertThat(output.lines()).as("each time it is opened (three times), then polling brings the verdict")
                    .filteredOn(l -> l.equals("[railway] The subscription to deployment dep-hostile ended (" + CAP_HIT
                            + ")."))
                    .hasSize(3);
            assertThat(railway.upgrades()).hasSize(3);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
