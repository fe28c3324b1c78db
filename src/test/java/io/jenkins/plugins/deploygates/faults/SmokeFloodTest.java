package io.jenkins.plugins.deploygates.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.cli.DeployGatesCli;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.testing.EndlessPeer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, point 3: the smoke caller and the mailbox APIs read whole answers into memory. Here smoke-auth runs in a
 * JVM with a 48 MiB heap against peers whose answers never end: every read must stop at its cap, the verdict must
 * say so, and the process must end with its record instead of an OutOfMemoryError.
 */
class SmokeFloodTest {
    private static final String HEAP = "-Xmx48m";

    @TempDir
    Path dir;

    private Result smokeAuth(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-cp", System.getProperty("java.class.path"), DeployGatesCli.class.getName(), "smoke-auth"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SMOKE_LOGIN_PASSWORD", "flood-test-pw");
        Process child = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                child.getInputStream().transferTo(output);
            } catch (IOException gone) {
                // the child ended
            }
        });
        drain.start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("smoke-auth ended within 120 s").isTrue();
        drain.join(5_000);
        return new Result(child.exitValue(), output.toString(StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {}

    @Test
    void endlessAnswersFromTheServiceStopAtTheCap() throws Exception {
        try (EndlessPeer service = new EndlessPeer()) {
            Result run = smokeAuth("--base-url", service.url(), "--email", "user@example.test", "--flow", "password",
                    "--timeout", "60s", "--report-dir", dir.toString());

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).doesNotContain("OutOfMemoryError").doesNotContain("internal error")
                    .contains("FAILED token verified - POST " + service.url() + "/api/auth/login -> 200 (");
            JsonNode record = Json.MAPPER.readTree(dir.resolve("smoke-auth.json").toFile());
            assertThat(record.path("checks").path("token verified").path("reason").asText())
                    .isEqualTo("POST " + service.url() + "/api/auth/login: the answer passed the 1 MiB cap, so reading"
                            + " stopped there");
        }
    }

    @Test
    void anEndlessMailboxApiStopsAtItsCap() throws Exception {
        try (EndlessPeer catcher = new EndlessPeer()) {
            Result run = smokeAuth("--base-url", "http://127.0.0.1:9", "--email", "smoke@example.test",
                    "--mailbox", "mailpit+" + catcher.url(), "--timeout", "60s", "--report-dir", dir.toString());

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).doesNotContain("OutOfMemoryError").doesNotContain("internal error");
            JsonNode record = Json.MAPPER.readTree(dir.resolve("smoke-auth.json").toFile());
            assertThat(record.path("checks").path("mailbox ready").path("reason").asText())
                    .isEqualTo("GET " + catcher.url() + "/api/v1/messages?limit=50 (delete old mail from the catcher)"
                            + " passed the 4 MiB cap, so reading stopped there");
            assertThat(record.path("checks").path("link requested").path("outcome").asText()).isEqualTo("SKIPPED");
        }
    }
}
