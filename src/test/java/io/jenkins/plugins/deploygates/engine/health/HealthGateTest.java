package io.jenkins.plugins.deploygates.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.health.ScriptedServer.Reply;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The await phase against real loopback servers. */
class HealthGateTest {
    private static final String HEALTHY = "{\"status\":\"ok\",\"checks\":{\"database\":\"up\",\"cache\":\"up\"}}";

    private final GateRuntime runtime = GateRuntime.create();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        runtime.close();
    }

    private HealthGateConfig.Builder gate(HealthTarget target) {
        return HealthGateConfig.builder().target(target).interval(Duration.ofMillis(40))
                .attemptTimeout(Duration.ofMillis(500)).timeout(Duration.ofSeconds(3));
    }

    private Verdict run(HealthGateConfig config) throws Exception {
        return HealthGate.run(config, runtime, log::add, Redactor.byShape());
    }

    @Test
    void passesOnceTheTargetBecomesHealthy() throws Exception {
        long start = System.currentTimeMillis();
        try (ScriptedServer server = new ScriptedServer((n, x) -> System.currentTimeMillis() - start < 300
                ? Reply.of(503, "{\"status\":\"starting\"}") : Reply.of(200, HEALTHY))) {
            Verdict v = run(gate(HealthTarget.builder(server.url("/health")).expectJson("$.status == \"ok\"")
                    .expectJson("$.checks.database == up").build()).build());

            assertThat(v.isHealthy()).isTrue();
            assertThat(v.getVerdict()).isEqualTo("PASS");
            assertThat(v.getTimeToHealthyMs()).isBetween(250L, 1500L);
            assertThat(v.getCounts().get("failure")).isPositive();
            assertThat(v.getCounts().get("success")).isEqualTo(1);
            assertThat(log).anyMatch(l -> l.contains("await " + server.url("/health") + " 503"));
            assertThat(log).anyMatch(l -> l.startsWith("[healthGate] PASS: healthy after"));
        }
    }

    @Test
    void aStoppedGateKeepsItsSamplesAndSaysWhyInAFailedVerdict() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.of(503, "{\"status\":\"starting\"}"))) {
            HealthGate gate = HealthGate.start(gate(HealthTarget.builder(server.url("/health")).build())
                    .timeout(Duration.ofMinutes(5)).build(), runtime, log::add, Redactor.byShape());
            while (gate.sampleCount() < 3) {
                Thread.sleep(10);
            }

            Verdict v = gate.stop("the build was aborted").get(5, java.util.concurrent.TimeUnit.SECONDS);
            int seen = server.requests();
            Thread.sleep(150);

            assertThat(v.isHealthy()).isFalse();
            assertThat(v.getReason()).matches("stopped after \\d+ms \\(the build was aborted\\); last failure: "
                    + java.util.regex.Pattern.quote(server.url("/health")) + ": HTTP 503, expected 200-299");
            assertThat(v.getSamples()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(server.requests()).as("no probe after the stop").isLessThanOrEqualTo(seen + 1);
            assertThat(log).anyMatch(l -> l.startsWith("[healthGate] FAIL: stopped after"));
        }
    }

    @Test
    void aFlappingTargetNeverMeetsAThresholdOfTwo() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> n % 2 == 0 ? Reply.of(503, "{}") : Reply.of(200, HEALTHY))) {
            Verdict v = run(gate(HealthTarget.builder(server.url("/health")).build())
                    .successThreshold(2).timeout(Duration.ofMillis(500)).build());

            assertThat(v.isHealthy()).isFalse();
            assertThat(v.getReason()).startsWith("not healthy within 500ms; last failure: ")
                    .endsWith("HTTP 503, expected 200-299");
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
    void aServerErrorFailsAtTheTimeoutWithTheLastReason() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.of(500, "{\"error\":\"boom\"}"))) {
            long start = System.currentTimeMillis();
            Verdict v = run(gate(HealthTarget.builder(server.url("/health")).build())
                    .timeout(Duration.ofMillis(400)).build());

            assertThat(v.isHealthy()).isFalse();
            assertThat(v.getReason()).isEqualTo("not healthy within 400ms; last failure: " + server.url("/health")
                    + ": HTTP 500, expected 200-299");
            assertThat(System.currentTimeMillis() - start).isLessThan(1500);
            assertThat(v.getCounts()).containsEntry("success", 0L).containsEntry("error", 0L);
            assertThat(v.getLastFailure().getStatus()).isEqualTo(500);
        }
    }

    @Test
    void anAnswerSlowerThanTheAttemptTimeoutIsAnError() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.of(200, HEALTHY).after(800))) {
            Verdict v = run(gate(HealthTarget.builder(server.url("/health")).build())
                    .attemptTimeout(Duration.ofMillis(100)).timeout(Duration.ofMillis(250)).build());

            assertThat(v.isHealthy()).isFalse();
            assertThat(v.getLastFailure().getOutcome()).isEqualTo(Outcome.ERROR);
            assertThat(v.getLastFailure().getDetail()).isEqualTo("timed out after 100ms");
            assertThat(v.getLastFailure().getLatencyMs()).isBetween(90L, 400L);
        }
    }

    @Test
    void aRefusedConnectionIsAnError() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Verdict v = run(gate(HealthTarget.builder("http://127.0.0.1:" + port + "/health").build())
                .timeout(Duration.ofMillis(200)).build());

        assertThat(v.getCounts().get("error")).isPositive();
        assertThat(v.getReason()).endsWith("/health: connection refused");
    }

    @Test
    void malformedJsonFailsAJsonAssertion() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.of(200, "{\"status\": ok"))) {
            Verdict v = run(gate(HealthTarget.builder(server.url("/health")).expectJson("$.status == \"ok\"").build())
                    .timeout(Duration.ofMillis(100)).build());

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
            Verdict v = run(gate(HealthTarget.builder(server.url("/health")).expectJson("$[0] exists").build())
                    .timeout(Duration.ofMillis(100)).build());

            assertThat(v.getLastFailure().getOutcome()).isEqualTo(Outcome.FAILURE);
            assertThat(v.getLastFailure().getDetail()).isEqualTo("body is larger than 1024 KiB (limit 1 MiB)");
        }
    }

    @Test
    void aJsonPathMissSaysWhatWasFound() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.of(200,
                "{\"status\":\"ok\",\"checks\":{\"database\":\"down\"}}"))) {
            Verdict v = run(gate(HealthTarget.builder(server.url("/health"))
                    .expectJson("$.checks.database == \"up\"").expectJson("$.checks.cache exists").build())
                    .timeout(Duration.ofMillis(100)).build());

            assertThat(v.getLastFailure().getDetail()).isEqualTo("$['checks']['database'] is \"down\", expected \"up\"");
        }
    }

    @Test
    void aMissingPathFailsAnExistsAssertion() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.of(200, "{\"checks\":{}}"))) {
            Verdict v = run(gate(HealthTarget.builder(server.url("/health")).expectJson("$.checks.cache").build())
                    .timeout(Duration.ofMillis(100)).build());

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
            Verdict refused = run(gate(HealthTarget.builder(server.url("/old")).build())
                    .timeout(Duration.ofMillis(100)).build());
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

            assertThat(v.getSamples().get(0).getAtMs()).isGreaterThanOrEqualTo(190);
        }
    }

    @Test
    void secretsInHeadersAndUrlsNeverReachTheLogOrVerdict() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> "Bearer s3cret-value-42".equals(
                x.getRequestHeaders().getFirst("Authorization")) ? Reply.of(401, "{}") : Reply.of(200, HEALTHY))) {
            Verdict v = run(gate(HealthTarget.builder(server.url("/health?token=abcd1234secret"))
                    .header("Authorization: Bearer s3cret-value-42").header("X-Api-Key", "key-998877").build())
                    .timeout(Duration.ofMillis(100)).build());

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
            Thread.sleep(100);
            gate.cancel();
            int seen = server.requests();
            Thread.sleep(100);

            assertThat(gate.verdict()).isCompletedExceptionally();
            assertThat(server.requests()).isLessThanOrEqualTo(seen + 1);
        }
    }
}
