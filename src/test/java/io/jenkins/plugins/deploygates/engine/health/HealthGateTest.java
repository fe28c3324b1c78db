package io.jenkins.plugins.deploygates.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.health.ScriptedServer.Reply;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The await phase against real loopback servers. No assertion depends on the machine being fast: time is only
 * bounded from below (a gate cannot be early), waits are bounded by generous ceilings, and a failure is observed
 * by stopping the gate once it has the samples the test needs, not by racing a short timeout.
 */
class HealthGateTest {
    private static final String HEALTHY = "{\"status\":\"ok\",\"checks\":{\"database\":\"up\",\"cache\":\"up\"}}";
    private static final long CEILING_MS = GateRuns.CEILING_MS;

    private final GateRuntime runtime = GateRuntime.create();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        runtime.close();
    }

    private HealthGateConfig.Builder gate(HealthTarget target) {
        return HealthGateConfig.builder().target(target).interval(Duration.ofMillis(40)).timeout(Duration.ofMinutes(2));
    }

    private Verdict run(HealthGateConfig config) throws Exception {
        return HealthGate.run(config, runtime, log::add, Redactor.byShape());
    }

    /** Runs the gate until it has taken {@code samples} samples, then stops it and returns its verdict. */
    private Verdict runFor(int samples, HealthGateConfig config) throws Exception {
        return GateRuns.stoppedAfter(samples, config, runtime, log::add);
    }

    @Test
    void passesOnceTheTargetBecomesHealthy() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> n <= 3
                ? Reply.of(503, "{\"status\":\"starting\"}") : Reply.of(200, HEALTHY))) {
            Verdict v = run(gate(HealthTarget.builder(server.url("/health")).expectJson("$.status == \"ok\"")
                    .expectJson("$.checks.database == up").build()).build());

            assertThat(v.isHealthy()).isTrue();
            assertThat(v.getVerdict()).isEqualTo("PASS");
            assertThat(v.getTimeToHealthyMs()).as("three rounds 40ms apart came first").isGreaterThanOrEqualTo(120);
            assertThat(v.getCounts()).containsEntry("failure", 3L).containsEntry("success", 1L);
            assertThat(log).anyMatch(l -> l.contains("await " + server.url("/health") + " 503"));
            assertThat(log).anyMatch(l -> l.startsWith("[healthGate] PASS: healthy after"));
        }
    }

    @Test
    void aStoppedGateKeepsItsSamplesAndSaysWhyInAFailedVerdict() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.of(503, "{\"status\":\"starting\"}"))) {
            Verdict v = runFor(3, gate(HealthTarget.builder(server.url("/health")).build()).build());
            int seen = server.requests();
            Thread.sleep(150);

            assertThat(v.isHealthy()).isFalse();
            assertThat(v.getReason()).matches("stopped after \\d+ms \\(the test has seen enough\\); last failure: "
                    + java.util.regex.Pattern.quote(server.url("/health")) + ": HTTP 503, expected 200-299");
            assertThat(v.getSamples()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(server.requests()).as("no probe after the stop").isLessThanOrEqualTo(seen + 1);
            assertThat(log).anyMatch(l -> l.startsWith("[healthGate] FAIL: stopped after"));
        }
    }

    @Test
    void aFlappingTargetNeverMeetsAThresholdOfTwo() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> n % 2 == 0 ? Reply.of(503, "{}") : Reply.of(200, HEALTHY))) {
            Verdict v = runFor(10, gate(HealthTarget.builder(server.url("/health")).build()).successThreshold(2).build());

            assertThat(v.isHealthy()).isFalse();
            assertThat(v.getSamples()).hasSizeGreaterThanOrEqualTo(10);
            assertThat(v.getCounts().get("success")).isGreaterThanOrEqualTo(5);
            assertThat(v.getReason()).endsWith("HTTP 503, expected 200-299");
            assertThat(v.getTimeToHealthyMs()).isEqualTo(-1);
        }
    }

    @Test
    void aFlappingTargetPassesAThresholdOfOne() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> n % 2 == 0 ? Reply.of(200, HEALTHY) : Reply.of(503, "{}"))) {
            Verdict v = run(gate(HealthTarget.builder(server.url("/health")).build()).build());

            assertThat(v.isHealthy()).isTrue();
            assertThat(server.requests()).isEqualTo(2);
        }
    }

    @Test
    void aThresholdOfThreeNeedsThreeHealthyRoundsInARow() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> n == 3 ? Reply.of(503, "{}") : Reply.of(200, HEALTHY))) {
            Verdict v = run(gate(HealthTarget.builder(server.url("/health")).build()).successThreshold(3).build());

            assertThat(v.isHealthy()).isTrue();
            assertThat(server.requests()).as("2 healthy, 1 not, then 3 healthy").isEqualTo(6);
            assertThat(v.getReason()).endsWith("(3 consecutive healthy round(s))");
        }
    }

    @Test
    void aServerErrorFailsAtTheTimeoutWithTheLastReason() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.of(500, "{\"error\":\"boom\"}"))) {
            Verdict v = run(gate(HealthTarget.builder(server.url("/health")).build()).timeout(Duration.ofSeconds(2)).build());

            assertThat(v.isHealthy()).isFalse();
            assertThat(v.getReason()).isEqualTo("not healthy within 2s; last failure: " + server.url("/health")
                    + ": HTTP 500, expected 200-299");
            assertThat(v.getDurationMs()).as("the gate ends at its timeout, not before").isGreaterThanOrEqualTo(2000);
            assertThat(v.getCounts()).containsEntry("success", 0L);
        }
    }

    @Test
    void anAnswerSlowerThanTheAttemptTimeoutIsAnError() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.of(200, HEALTHY).after(CEILING_MS))) {
            Verdict v = runFor(1, gate(HealthTarget.builder(server.url("/health")).build())
                    .attemptTimeout(Duration.ofMillis(100)).interval(Duration.ofMinutes(1)).build());

            Sample first = v.getSamples().get(0);
            assertThat(first.getOutcome()).isEqualTo(Outcome.ERROR);
            assertThat(first.getDetail()).isEqualTo("timed out after 100ms");
            assertThat(first.getLatencyMs()).isBetween(100L, CEILING_MS - 1);
        }
    }

    @Test
    void aHangingTargetEndsTheGateAtItsTimeout() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.of(200, HEALTHY).after(CEILING_MS))) {
            long started = System.nanoTime();
            Verdict v = run(gate(HealthTarget.builder(server.url("/health")).build()).interval(Duration.ofMinutes(1))
                    .attemptTimeout(Duration.ofMillis(300)).timeout(Duration.ofMillis(300)).build());

            assertThat(v.isHealthy()).isFalse();
            assertThat(v.getReason()).startsWith("not healthy within 300ms; last failure: " + server.url("/health"))
                    .containsPattern(": (timed out after 300ms|no answer in the \\d+ms left before the 300ms timeout)$");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("not the server's 30s")
                    .isLessThan(CEILING_MS / 2);
        }
    }

    @Test
    void aProbeStartedNearTheTimeoutIsCutByIt() throws Exception {
        // Answers once, then hangs: the second probe starts 2s in, with at most 1s left of the 3s timeout.
        try (ScriptedServer server = new ScriptedServer((n, x) -> n == 1 ? Reply.of(503, "{}")
                : Reply.of(200, HEALTHY).after(CEILING_MS))) {
            Verdict v = run(gate(HealthTarget.builder(server.url("/health")).build()).interval(Duration.ofSeconds(2))
                    .attemptTimeout(Duration.ofSeconds(3)).timeout(Duration.ofSeconds(3)).build());

            assertThat(server.requests()).isEqualTo(2);
            assertThat(v.getSamples().get(1).getDetail()).matches("no answer in the \\d+ms left before the 3s timeout");
            assertThat(v.getSamples().get(1).getLatencyMs()).isLessThan(CEILING_MS / 2);
            assertThat(v.getReason()).as("the target's own failure, not the cut").isEqualTo("not healthy within 3s;"
                    + " last failure: " + server.url("/health") + ": HTTP 503, expected 200-299");
        }
    }

    @Test
    void aRefusedConnectionIsAnError() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Verdict v = runFor(1, gate(HealthTarget.builder("http://127.0.0.1:" + port + "/health").build()).build());

        assertThat(v.getCounts().get("error")).isPositive();
        assertThat(v.getReason()).endsWith("/health: connection refused");
    }

    @Test
    void malformedJsonFailsAJsonAssertion() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.of(200, "{\"status\": ok"))) {
            Verdict v = runFor(1, gate(HealthTarget.builder(server.url("/health")).expectJson("$.status == \"ok\"").build())
                    .build());

            assertThat(v.getLastFailure().getOutcome()).isEqualTo(Outcome.FAILURE);
            assertThat(v.getLastFailure().getDetail()).isEqualTo("body is not valid JSON");
        }
    }

    @Test
    void anOversizedBodyFailsWithoutBeingHeld() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '[';
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.bytes(200, big))) {
            Verdict v = runFor(1, gate(HealthTarget.builder(server.url("/health")).expectJson("$[0] exists").build())
                    .build());

            assertThat(v.getLastFailure().getOutcome()).isEqualTo(Outcome.FAILURE);
            assertThat(v.getLastFailure().getDetail()).isEqualTo("body is larger than 1024 KiB (limit 1 MiB)");
        }
    }

    @Test
    void aJsonPathMissSaysWhatWasFound() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.of(200,
                "{\"status\":\"ok\",\"checks\":{\"database\":\"down\"}}"))) {
            Verdict v = runFor(1, gate(HealthTarget.builder(server.url("/health"))
                    .expectJson("$.checks.database == \"up\"").expectJson("$.checks.cache exists").build()).build());

            assertThat(v.getLastFailure().getDetail()).isEqualTo("$['checks']['database'] is \"down\", expected \"up\"");
        }
    }

    @Test
    void aMissingPathFailsAnExistsAssertion() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.of(200, "{\"checks\":{}}"))) {
            Verdict v = runFor(1, gate(HealthTarget.builder(server.url("/health")).expectJson("$.checks.cache").build())
                    .build());

            assertThat(v.getLastFailure().getDetail()).isEqualTo("$['checks']['cache'] is missing");
        }
    }

    @Test
    void bodyTextAndRegexAssertions() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.of(200, "{\"version\":\"1.4.2\",\"n\":3}"))) {
            Verdict v = run(gate(HealthTarget.builder(server.url("/version")).expectBody("1.4")
                    .expectJson("$.version =~ ^1\\.4\\.").expectJson("$.n == 3.0").build()).build());

            assertThat(v.isHealthy()).isTrue();
        }
    }

    @Test
    void redirectsAreNotFollowedUnlessAsked() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> x.getRequestURI().getPath().equals("/old")
                ? Reply.redirect("/health") : Reply.of(200, HEALTHY))) {
            Verdict refused = runFor(1, gate(HealthTarget.builder(server.url("/old")).build()).build());
            Verdict followed = run(gate(HealthTarget.builder(server.url("/old")).followRedirects(true).build()).build());

            assertThat(refused.getReason()).endsWith("HTTP 302, expected 200-299");
            assertThat(followed.isHealthy()).isTrue();
        }
    }

    @Test
    void allTargetsMustBeHealthyInTheSameRound() throws Exception {
        try (ScriptedServer api = new ScriptedServer((n, x) -> Reply.of(200, HEALTHY));
                ScriptedServer web = new ScriptedServer((n, x) -> n < 3 ? Reply.of(502, "") : Reply.of(200, "ok"))) {
            Verdict v = run(gate(HealthTarget.builder(api.url("/health")).build())
                    .target(HealthTarget.builder(web.url("/")).build()).build());

            assertThat(v.isHealthy()).isTrue();
            assertThat(api.requests()).isEqualTo(3);
            assertThat(web.requests()).isEqualTo(3);
        }
    }

    @Test
    void initialDelayPostponesTheFirstProbe() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.of(200, HEALTHY))) {
            Verdict v = run(gate(HealthTarget.builder(server.url("/health")).build())
                    .initialDelay(Duration.ofMillis(200)).build());

            assertThat(v.getSamples().get(0).getAtMs()).isGreaterThanOrEqualTo(200);
        }
    }

    @Test
    void secretsInHeadersAndUrlsNeverReachTheLogOrVerdict() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> "Bearer s3cret-value-42".equals(
                x.getRequestHeaders().getFirst("Authorization")) ? Reply.of(401, "{}") : Reply.of(200, HEALTHY))) {
            Verdict v = runFor(1, gate(HealthTarget.builder(server.url("/health?token=abcd1234secret"))
                    .header("Authorization: Bearer s3cret-value-42").header("X-Api-Key", "key-998877").build()).build());

            assertThat(v.getLastFailure().getStatus()).isEqualTo(401);
            String everything = String.join("\n", log) + v.getReason() + v.getSamples().get(0).getTarget();
            assertThat(everything).doesNotContain("s3cret-value-42", "abcd1234secret", "key-998877")
                    .contains("token=****");
        }
    }

    @Test
    void cancellingStopsFurtherProbes() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.of(503, "{}"))) {
            HealthGate gate = HealthGate.start(gate(HealthTarget.builder(server.url("/health")).build())
                    .interval(Duration.ofMillis(20)).build(), runtime, ProgressLog.discard(), Redactor.byShape());
            GateRuns.await(() -> server.requests() >= 2);
            gate.cancel();
            int seen = server.requests();
            Thread.sleep(100);

            assertThat(gate.verdict()).isCompletedExceptionally();
            assertThat(server.requests()).isLessThanOrEqualTo(seen + 1);
        }
    }
}
