package io.jenkins.plugins.deploygates.engine.report;

import static io.jenkins.plugins.deploygates.engine.report.DeployGatesReportTest.render;
import static io.jenkins.plugins.deploygates.engine.report.DeployGatesReportTest.stat;
import static io.jenkins.plugins.deploygates.engine.report.DeployGatesReportTest.stats;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every figure on a card agrees with what the card's own record says: each phase's figures come from that phase's
 * samples, the chart's axis reads in round numbers, a rollback is shown and counted as a rollback.
 */
class ReportFiguresTest {
    static final String TARGET = "http://127.0.0.1:8080/health";
    /** The demo's watch: 12 samples, none failed, p95 10 ms, as its headline says. */
    static final long[] WATCH_LATENCIES = {7, 4, 3, 3, 4, 4, 4, 3, 4, 5, 10, 7};

    @TempDir
    Path dir;

    /** The demo's gate: six 503s while the service starts (the first slow), healthy at 3 s, then a clean watch. */
    static Map<String, Object> demoGate() {
        List<Map<String, Object>> samples = new ArrayList<>();
        long[] warmUp = {194, 5, 4, 3, 11, 14};
        for (int i = 0; i < warmUp.length; i++) {
            samples.add(ReportFixture.sample(TARGET, "AWAIT", i * 500L, warmUp[i], false, 503, "HTTP 503, expected 200-299"));
        }
        samples.add(ReportFixture.sample(TARGET, "AWAIT", 3017, 18, true, 200, null));
        for (int i = 0; i < WATCH_LATENCIES.length; i++) {
            samples.add(ReportFixture.sample(TARGET, "WATCH", 3036 + i * 250L, WATCH_LATENCIES[i], true, 200, null));
        }
        return ReportFixture.healthGate(List.of(TARGET), samples, true,
                "healthy after 3035ms; watched 3s: 0 of 12 samples failed (0.0%), p95 10ms", 6075, 3035);
    }

    @Test
    void aPassedGatesCardShowsEachPhaseFromItsOwnSamplesAndNoFailureTile() throws Exception {
        Json.write(dir.resolve("health-gate.json"), demoGate());

        Document page = render(dir);

        Element card = page.selectFirst("article.gate");
        assertThat(card.select(".stat.fail, .stat.warn")).isEmpty();
        Element watch = stats(page, TARGET, "watch");
        assertThat(stat(watch, "samples")).isEqualTo("12");
        assertThat(stat(watch, "failed")).isEqualTo("0 (0.0%)");
        assertThat(watch.selectFirst("[data-stat=failed]").hasClass("pass")).isTrue();
        assertThat(stat(watch, "p95")).isEqualTo("10 ms");
        assertThat(stat(watch, "max")).isEqualTo("10 ms");
        Element await = stats(page, TARGET, "await");
        assertThat(stat(await, "probes")).isEqualTo("7");
        assertThat(stat(await, "not ready")).isEqualTo("6");
        assertThat(await.selectFirst("[data-stat='not ready']").hasClass("neutral")).isTrue();
        assertThat(stat(await, "time to healthy")).isEqualTo("3 s");
        assertThat(await.select("[data-stat=p95]")).as("warm-up latency is not the gate's p95").isEmpty();
    }

    @Test
    void theP95LineIsTheWatchsAndSpansOnlyTheWatch() throws Exception {
        Json.write(dir.resolve("health-gate.json"), demoGate());

        Element chart = DeployGatesReportTest.chart(render(dir), TARGET);

        assertThat(chart.attr("data-p95")).isEqualTo("10");
        assertThat(chart.attr("data-p95-phase")).isEqualTo("watch");
        Element line = chart.selectFirst("line.p95");
        assertThat(line.attr("x1")).isEqualTo(chart.selectFirst("rect.watch").attr("x"));
        assertThat(Double.parseDouble(line.attr("x1"))).isGreaterThan(64);
        assertThat(chart.selectFirst("text.p95-label").text()).isEqualTo("watch p95 10 ms");
    }

    @Test
    void aGateThatNeverWatchedDrawsItsP95AcrossTheWholeGate() throws Exception {
        List<Map<String, Object>> samples = List.of(ReportFixture.sample(TARGET, "AWAIT", 0, 40, false, 503, "HTTP 503"),
                ReportFixture.sample(TARGET, "AWAIT", 500, 20, true, 200, null));
        Json.write(dir.resolve("health-gate.json"), ReportFixture.healthGate(List.of(TARGET), samples, true,
                "healthy after 520ms (1 consecutive healthy round(s))", 520, 520));

        Document page = render(dir);

        Element chart = DeployGatesReportTest.chart(page, TARGET);
        assertThat(chart.attr("data-p95-phase")).isEqualTo("await");
        assertThat(chart.selectFirst("line.p95").attr("x1")).isEqualTo("64.0");
        Element await = stats(page, TARGET, "await");
        assertThat(stat(await, "p95")).isEqualTo("40 ms");
        assertThat(stat(await, "not ready")).isEqualTo("1");
    }

    @Test
    void theLatencyAxisTicksAreRoundNumbers() throws Exception {
        Json.write(dir.resolve("health-gate.json"), demoGate());

        Element chart = DeployGatesReportTest.chart(render(dir), TARGET);

        assertThat(chart.select("text.tick[text-anchor=end]")).extracting(Element::text)
                .containsExactly("0 ms", "50 ms", "100 ms", "150 ms", "200 ms", "250 ms");
    }

    @Test
    void everyLatencyAxisStepIsOneTwoOrFiveTimesAPowerOfTen() {
        for (long slowest : new long[] {0, 1, 3, 9, 10, 47, 99, 100, 194, 438, 999, 1234, 5000, 86_400_000,
                Long.MAX_VALUE}) {
            LatencyChart.YAxis axis = LatencyChart.YAxis.of(slowest);
            double mantissa = axis.step / Math.pow(10, Math.floor(Math.log10(axis.step)));
            assertThat(Math.round(mantissa)).as("step %s for %s", axis.step, slowest).isIn(1L, 2L, 5L);
            assertThat(axis.intervals).as("intervals for %s", slowest).isBetween(2, 5);
            assertThat(axis.max).as("top for %s", slowest).isGreaterThanOrEqualTo(slowest * 1.1);
        }
    }

    @Test
    void aDockerRollbackShowsItsServicesOnce() throws Exception {
        List<Map<String, Object>> services = List.of(Map.of("service", "web", "container", "shop-web-1",
                "state", "running", "health", "healthy", "imageId", "sha256:4f1a2b3c4d5e", "restarts", 0));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("step", "dockerRollback");
        record.put("project", "shop");
        record.put("verdict", "passed");
        record.put("services", services);
        record.put("rolledBack", true);
        record.put("rollback", Map.of("verdict", "passed", "images", List.of(), "services", services));
        Json.write(dir.resolve("dockerRollback.json"), record);

        Element card = render(dir).selectFirst("article.docker");

        assertThat(card.select("table")).hasSize(1);
        assertThat(card.select("h4")).isEmpty();
    }

    @Test
    void rollbacksAreCountedAsRollbacksInTheHeader() throws Exception {
        Json.write(dir.resolve("dockerRebuild.json"), ReportFixture.docker());
        Json.write(dir.resolve("dockerRollback.json"), Map.of("step", "dockerRollback", "verdict", "passed",
                "services", List.of(), "rolledBack", true));
        Json.write(dir.resolve("railway-up-backend.json"), ReportFixture.railway());
        Map<String, Object> railwayRollback = new LinkedHashMap<>(ReportFixture.railway());
        railwayRollback.put("operation", "railway-rollback");
        Json.write(dir.resolve("railway-rollback-backend.json"), railwayRollback);

        Document page = render(dir);

        assertThat(page.select(".overview .badge")).extracting(Element::text).containsExactly(
                "1 of 1 compose rebuild passed", "1 of 1 compose rollback passed", "1 of 1 deployment passed",
                "1 of 1 Railway rollback passed");
    }

    /** The promotion record keeps totals over both phases; a watched gate's reason already says the watch's own. */
    @Test
    void theTimelineDoesNotContradictAWatchedGatesReason() throws Exception {
        Map<String, Object> gate = Map.of("gate", "health", "verdict", "PASS", "p95Ms", 194, "samples",
                Map.of("success", 13, "failure", 6, "error", 0), "reason",
                "healthy after 3035ms; watched 3s: 0 of 12 samples failed (0.0%), p95 10ms", "at", "2026-11-24T10:02:10Z");
        Json.write(dir.resolve("promotion-record.json"), Map.of("outcome", "promoted", "startedAt",
                "2026-11-24T10:00:00Z", "environments", Map.of("staging", Map.of("gates", List.of(gate)))));

        String detail = render(dir).selectFirst("li.event[data-kind=gate] .detail").text();

        assertThat(detail).isEqualTo("healthy after 3035ms; watched 3s: 0 of 12 samples failed (0.0%), p95 10ms");
    }
}
