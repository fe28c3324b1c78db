package io.jenkins.plugins.deploygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.jenkins.plugins.deploygates.demo.AuthBreakage;
import io.jenkins.plugins.deploygates.demo.DemoAuthService;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, point 2: smoke-auth stopped by Ctrl-C (SIGINT) or a CI runner (SIGTERM) printed nothing and wrote no
 * record. In its own process, waiting for an email that never comes, it must write the record of the checks that
 * ran with the rest marked not run, and say it stopped.
 */
class SmokeAuthSignalTest {
    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = SmokeFixture.greenMail();

    @TempDir
    Path dir;
    private DemoAuthService service;

    @BeforeEach
    void setUp() throws IOException {
        SmokeFixture.addMailboxUser(GREEN_MAIL);
        service = SmokeFixture.service(GREEN_MAIL, Clock.systemUTC(), Duration.ofSeconds(1), AuthBreakage.NO_EMAIL);
    }

    @AfterEach
    void tearDown() {
        service.close();
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void aStoppedRunWritesWhatRanAndMarksTheRestNotRun(String signal) throws Exception {
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DeployGatesCli.class.getName(), "smoke-auth",
                "--base-url", service.baseUrl(), "--email", SmokeFixture.ADDRESS, "--plus-tag", SmokeFixture.TAG,
                "--mailbox", SmokeFixture.imapUri(GREEN_MAIL), "--mailbox-plaintext", "--timeout", "5m",
                "--report-dir", dir.toString()).redirectErrorStream(true);
        command.environment().put("SMOKE_MAILBOX_PASSWORD", SmokeFixture.MAILBOX_PASSWORD);
        Process child = command.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> copy(child, output));
        drain.start();
        awaitOutput(output, "PASSED link requested", child);

        new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor(10, TimeUnit.SECONDS);

        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("smoke-auth ended within 30 s of SIG" + signal).isTrue();
        drain.join(5_000);
        String console = output.toString(StandardCharsets.UTF_8);
        JsonNode record = Json.MAPPER.readTree(dir.resolve("smoke-auth.json").toFile());
        assertThat(record.path("stopped").asBoolean()).as(console).isTrue();
        assertThat(record.path("passed").asBoolean()).isFalse();
        assertThat(outcome(record, "link requested")).isEqualTo("PASSED");
        assertThat(outcome(record, "email received")).isEqualTo("NOT_RUN");
        assertThat(record.path("checks").path("email received").path("reason").asText())
                .startsWith("the run was stopped while this check ran (after ");
        Iterator<Map.Entry<String, JsonNode>> checks = record.path("checks").fields();
        checks.forEachRemaining(c -> assertThat(c.getValue().path("outcome").asText()).as(c.getKey())
                .isIn("PASSED", "NOT_RUN"));
        assertThat(record.path("notRun")).hasSize(8);
        assertThat(dir.resolve("smoke-auth-junit.xml")).exists();
        assertThat(console).contains("smokeAuthFlow: stopped before it finished; the checks that did not run are"
                + " marked not run.").doesNotContain("\tat ").doesNotContain(SmokeFixture.MAILBOX_PASSWORD);
    }

    private static String outcome(JsonNode record, String check) {
        return record.path("checks").path(check).path("outcome").asText();
    }

    private static void awaitOutput(ByteArrayOutputStream output, String text, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!output.toString(StandardCharsets.UTF_8).contains(text)) {
            assertThat(child.isAlive()).as("smoke-auth still running: " + output).isTrue();
            assertThat(System.nanoTime()).as("'" + text + "' within 60 s").isLessThan(deadline);
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
