package io.jenkins.plugins.deploygates.engine.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jenkins.plugins.deploygates.cli.DeployGatesCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every probe against peers that never stop sending, from a command line whose JVM has a 32 MB heap (the
 * controller's heap stands for it): the gate ends with a verdict that names the cap each peer hit, never with
 * OutOfMemoryError. Several floods run at once in the same JVM.
 */
class ProbeHeapTest {
    private static final String HEAP = "-Xmx32m";
    private static final String WS_CAP = "the peer sent more than 16 MiB of messages during one probe (the cap);"
            + " connection dropped";

    @TempDir
    Path reports;

    @Test
    void floodingAndEndlessPeersGetAVerdictNotAnOutOfMemoryError() throws Exception {
        try (FloodingPeers peers = new FloodingPeers()) {
            String wsFlood = peers.webSocketFlood();
            String wsEndless = peers.webSocketEndlessMessage();
            String httpBody = peers.httpEndlessBody();
            String httpHeaders = peers.httpEndlessHeaders();
            String wsFloodBeforeReply = peers.webSocketFlood();
            // One gate holds its WebSockets open while they flood; the other waits for a reply that never comes.
            Process holding = cli(reports.resolve("hold"), "--url", wsFlood, "--url", wsEndless, "--url", httpBody,
                    "--url", httpHeaders, "--ws-hold", "10s");
            Process expecting = cli(reports.resolve("expect"), "--url", wsFloodBeforeReply, "--ws-send", "ping",
                    "--ws-expect", "pong");

            String held = finished(holding);
            String expected = finished(expecting);

            assertThat(held).contains("[healthGate] FAIL: not healthy within 12s").doesNotContain("OutOfMemoryError");
            assertThat(expected).contains("[healthGate] FAIL: not healthy within 12s").doesNotContain("OutOfMemoryError");
            assertThat(details(reports.resolve("hold"))).containsOnlyKeys(wsFlood, wsEndless, httpBody, httpHeaders)
                    .containsEntry(wsFlood, WS_CAP).containsEntry(wsEndless, WS_CAP)
                    .containsEntry(httpBody, "body is larger than 1024 KiB (limit 1 MiB)")
                    .hasEntrySatisfying(httpHeaders, d -> assertThat(d).startsWith("response headers are larger than"
                            + " the HTTP client's cap ("));
            assertThat(details(reports.resolve("expect"))).containsExactly(entry(wsFloodBeforeReply, WS_CAP));
        }
    }

    /** One round of probes (the next would start after the timeout), in a JVM of its own with a small heap. */
    private static Process cli(Path reportDir, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBinary(), HEAP, "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                DeployGatesCli.class.getName(), "health-gate", "--interval", "1m", "--timeout", "12s",
                "--attempt-timeout", "10s", "--report-dir", reportDir.toString()));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String finished(Process child) throws Exception {
        byte[] output = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(text).isEqualTo(1);
        return text;
    }

    /** Each target's sample detail, from the gate's record (one round, so one sample per target). */
    private static Map<String, String> details(Path reportDir) throws Exception {
        Map<String, String> details = new LinkedHashMap<>();
        for (JsonNode sample : new ObjectMapper().readTree(reportDir.resolve("health-gate.json").toFile())
                .path("verdict").path("samples")) {
            details.put(sample.path("target").asText(), sample.path("detail").asText());
        }
        return details;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
