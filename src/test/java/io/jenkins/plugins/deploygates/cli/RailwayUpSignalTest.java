package io.jenkins.plugins.deploygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.railway.FakeRailway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * railway-up in its own process, ended by SIGTERM (a CI runner cancelling the job; Ctrl-C goes the same way): the
 * deployment that has not finished is cancelled in Railway and the record says so, before the process exits.
 */
class RailwayUpSignalTest {
    @TempDir
    Path dir;

    @Test
    void aTerminatedCommandCancelsTheUnfinishedDeploymentAndWritesTheRecord() throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/server.js"), "listen()");
        Path record = dir.resolve("report/railway-deployment.json");
        try (FakeRailway fake = new FakeRailway()) {
            fake.next(FakeRailway.script().statuses("BUILDING"));
            ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), DeployGatesCli.class.getName(), "railway-up",
                    "--service", "api", "--environment", "production", "--path", dir.resolve("app").toString(), "--path-as-root",
                    "--api-url", fake.url(), "--poll-interval", "50ms", "--report-dir", dir.resolve("report").toString())
                    .redirectErrorStream(true);
            command.environment().remove("RAILWAY_API_TOKEN");
            command.environment().put("RAILWAY_TOKEN", FakeRailway.PROJECT_TOKEN);
            Process child = command.start();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> copy(child, output));
            drain.start();

            JsonNode whileWaiting = awaitRecord(record, child);
            assertThat(whileWaiting.path("deploymentId").asText()).isEqualTo("dep-1");
            child.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output

            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            drain.join(5_000);
            String console = output.toString(StandardCharsets.UTF_8);
            JsonNode afterwards = Json.MAPPER.readTree(record.toFile());
            assertThat(afterwards.path("verdict").asText()).as(console).isEqualTo("INTERRUPTED");
            assertThat(afterwards.path("reason").asText()).isEqualTo("Stopped while deployment dep-1 was BUILDING: it"
                    + " was cancelled in Railway, so the service keeps serving its previous deployment.");
            assertThat(fake.calls("DeploymentCancel")).hasSize(1);
            assertThat(console).contains("[railway] Stopped while deployment dep-1 was BUILDING")
                    .doesNotContain(FakeRailway.PROJECT_TOKEN).doesNotContain("\tat ");
        }
    }

    /** The early record, once the child has written it whole. */
    private static JsonNode awaitRecord(Path record, Process child) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                JsonNode json = Json.MAPPER.readTree(record.toFile());
                if (json.hasNonNull("deploymentId")) {
                    return json;
                }
            } catch (IOException notYet) {
                // not written yet, or being written
            }
            assertThat(child.isAlive()).as("railway-up still running").isTrue();
            assertThat(System.currentTimeMillis()).as("record written within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void copy(Process child, ByteArrayOutputStream output) {
        try {
            child.getInputStream().transferTo(output);
        } catch (IOException ignored) {
            // the child is gone
        }
    }
}
