package io.jenkins.plugins.deploygates.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.health.ScriptedServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watch phase after a deploy: error rate, p95 and consecutive failures give a rollback verdict. */
class WatchPhaseTest {
    private final GateRuntime runtime = GateRuntime.create();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        runtime.close();
    }

    /**
     * About 20 watch samples (1s every 50ms; fewer when the machine is slow) of a target whose every 5th answer
     * after the first is a 500: about 20% errors (15% to 22% depending on how many rounds fit in the second).
     */
    private Verdict watchOneInFiveFailing(double maxErrorRate) throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> n > 1 && (n - 1) % 5 == 0
                ? Reply.of(500, "{}") : Reply.of(200, "{}"))) {
            return HealthGate.run(HealthGateConfig.builder().target(HealthTarget.builder(server.url("/health")).build())
                    .interval(Duration.ofMillis(50)).watch(Duration.ofSeconds(1)).maxErrorRate(maxErrorRate).build(),
                    runtime, log::add, Redactor.byShape());
        }
    }

    @Test
    void anErrorRateJustUnderTheLimitPasses() throws Exception {
        Verdict v = watchOneInFiveFailing(0.25);

        assertThat(v.isHealthy()).isTrue();
        assertThat(v.getPhase()).isEqualTo(Phase.WATCH);
        assertThat(v.getReason()).matches("healthy after \\d+ms; watched 1s: [2-4] of (1\\d|20) samples failed \\(\\d+\\.\\d%\\), p95 \\d+ms");
    }

    @Test
    void anErrorRateJustOverTheLimitRecommendsRollback() throws Exception {
        Verdict v = watchOneInFiveFailing(0.15);

        assertThat(v.isHealthy()).isFalse();
        // Usually the 4th failure of 20 planned trips the limit early; on a slow machine the watch may end with
        // fewer samples and fail on the end-of-watch check instead. Either way: rollback, naming the limit.
        assertThat(v.getReason()).startsWith("rollback recommended: ").contains("maxErrorRate 15.0%")
                .endsWith("HTTP 500, expected 200-299");
    }

    @Test
    void aWatchThatGotFewerSamplesThanPlannedIsJudgedOnWhatItGot() {
        HealthGateConfig config = HealthGateConfig.builder().target(HealthTarget.builder("http://x/").build())
                .interval(Duration.ofSeconds(1)).watch(Duration.ofSeconds(10)).maxErrorRate(0.25).build();
        List<Sample> got = List.of(sample(Outcome.SUCCESS), sample(Outcome.ERROR), sample(Outcome.SUCCESS),
                sample(Outcome.FAILURE));

        assertThat(WatchJudge.atEnd(config, got)).isEqualTo("error rate 50.0% (2 of 4 samples) exceeds maxErrorRate"
                + " 25.0% during the 10s watch; last: http://x/: HTTP 500");
        assertThat(WatchJudge.atEnd(config, got.subList(0, 1))).isNull();
    }

    private static Sample sample(Outcome outcome) {
        return new Sample("http://x/", Phase.WATCH, 0, 5, outcome, outcome == Outcome.ERROR ? null : 500,
                outcome == Outcome.SUCCESS ? null : outcome == Outcome.ERROR ? "connection refused" : "HTTP 500");
    }

    @Test
    void aLimitThatCanNoLongerBeMetStopsTheWatchEarly() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> n == 1 ? Reply.of(200, "{}") : Reply.of(500, "{}"))) {
            Verdict v = HealthGate.run(HealthGateConfig.builder().target(HealthTarget.builder(server.url("/")).build())
                    .interval(Duration.ofMillis(50)).watch(Duration.ofSeconds(10)).maxErrorRate(0.01).build(),
                    runtime, log::add, Redactor.byShape());

            assertThat(v.isHealthy()).isFalse();
            assertThat(v.getReason()).startsWith("rollback recommended: 3 of the 200 planned watch samples already"
                    + " failed (1.5%), more than maxErrorRate 1.0% allows");
            assertThat(v.getDurationMs()).as("well before the 10s watch ends").isLessThan(9000);
        }
    }

    @Test
    void slowAnswersTripTheP95Limit() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.of(200, "{}").after(n > 1 ? 120 : 0))) {
            Verdict v = HealthGate.run(HealthGateConfig.builder().target(HealthTarget.builder(server.url("/")).build())
                    .interval(Duration.ofMillis(50)).watch(Duration.ofMillis(600)).maxP95(Duration.ofMillis(100)).build(),
                    runtime, log::add, Redactor.byShape());

            assertThat(v.isHealthy()).isFalse();
            assertThat(v.getReason()).matches("rollback recommended: p95 latency \\d{3,}ms exceeds maxP95 100ms during the 600ms watch");
        }
    }

    @Test
    void consecutiveFailuresStopTheWatchEarly() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> n <= 2 ? Reply.of(200, "{}") : Reply.of(503, "{}"))) {
            Verdict v = HealthGate.run(HealthGateConfig.builder().target(HealthTarget.builder(server.url("/")).build())
                    .interval(Duration.ofMillis(30)).watch(Duration.ofSeconds(10)).maxConsecutiveFailures(2).build(),
                    runtime, log::add, Redactor.byShape());

            assertThat(v.isHealthy()).isFalse();
            assertThat(v.getReason()).startsWith("rollback recommended: 3 consecutive failed samples of " + server.url("/")
                    + " exceed maxConsecutiveFailures 2; last: HTTP 503");
            assertThat(server.requests()).isEqualTo(5);
            assertThat(v.toMap()).containsEntry("verdict", "FAIL").containsEntry("phase", "WATCH");
        }
    }

    @Test
    void theWatchIntervalCanDifferFromTheAwaitInterval() throws Exception {
        try (ScriptedServer server = new ScriptedServer((n, x) -> Reply.of(200, "{}"))) {
            Verdict v = HealthGate.run(HealthGateConfig.builder().target(HealthTarget.builder(server.url("/")).build())
                    .interval(Duration.ofSeconds(5)).watchInterval(Duration.ofMillis(100)).watch(Duration.ofMillis(500))
                    .build(), runtime, log::add, Redactor.byShape());

            assertThat(v.isHealthy()).isTrue();
            assertThat(v.getSamples()).filteredOn(s -> s.getPhase() == Phase.WATCH).hasSize(5);
        }
    }
}
