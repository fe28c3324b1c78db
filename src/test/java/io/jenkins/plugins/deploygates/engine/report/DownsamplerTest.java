package io.jenkins.plugins.deploygates.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 10,000 samples draw as at most two points per pixel column, with every failure and every extreme kept. */
class DownsamplerTest {
    static final int N = 10_000;

    @Test
    void keepsTheFastestAndSlowestSampleOfEachColumnInProbeOrder() {
        long[] at = {0, 10, 20, 30, 40, 50};
        long[] latency = {5, 90, 7, 3, 50, 8};

        int[] kept = Downsampler.line(at, latency, 60, 2);

        // Column 0 holds samples 0-2 (min 0, max 1), column 1 holds 3-5 (min 3, max 4).
        assertThat(kept).containsExactly(0, 1, 3, 4);
    }

    @Test
    void tenThousandSamplesDrawAsAtMostTwoPointsPerColumnWithEverySpikeAndFailure() {
        long[] at = IntStream.range(0, N).mapToLong(i -> i * 30L).toArray();
        long[] latency = IntStream.range(0, N).mapToLong(ReportFixture::apiLatency).toArray();
        boolean[] failed = new boolean[N];
        IntStream.range(0, N).filter(i -> i % 200 == 199).forEach(i -> failed[i] = true);

        int[] line = Downsampler.line(at, latency, N * 30L, LatencyChart.COLUMNS);
        int[] failures = Downsampler.failures(failed);

        assertThat(line.length).isLessThanOrEqualTo(2 * LatencyChart.COLUMNS).isGreaterThan(LatencyChart.COLUMNS);
        assertThat(line).isSorted();
        long drawnMax = Arrays.stream(line).mapToLong(i -> latency[i]).max().orElseThrow();
        long drawnMin = Arrays.stream(line).mapToLong(i -> latency[i]).min().orElseThrow();
        assertThat(drawnMax).isEqualTo(Arrays.stream(latency).max().orElseThrow());
        assertThat(drawnMin).isEqualTo(Arrays.stream(latency).min().orElseThrow());
        assertThat(failures).hasSize(50);
        assertThat(Arrays.stream(failures).allMatch(i -> failed[i])).isTrue();
    }

    @Test
    void theChartThinsTheLineButTheFiguresUseEverySample(@TempDir Path dir) throws Exception {
        List<Map<String, Object>> samples = new ArrayList<>();
        long[] latencies = new long[N];
        for (int i = 0; i < N; i++) {
            latencies[i] = ReportFixture.apiLatency(i);
            boolean ok = i % 200 != 199;
            samples.add(ReportFixture.sample(ReportFixture.API, "WATCH", i * 30L, latencies[i], ok, ok ? 200 : 503,
                    ok ? null : "HTTP 503"));
        }
        Json.write(dir.resolve("health-gate.json"), ReportFixture.healthGate(List.of(ReportFixture.API), samples,
                false, "error rate 0.5%", N * 30L, 0));

        Document page = Jsoup.parse(DeployGatesReportTest.report().render(dir));

        Element chart = DeployGatesReportTest.chart(page, ReportFixture.API);
        int drawn = DeployGatesReportTest.points(chart);
        assertThat(drawn).isLessThanOrEqualTo(2 * LatencyChart.COLUMNS).isEqualTo(Integer.parseInt(chart.attr("data-drawn")));
        assertThat(chart.select("circle.fail-mark")).hasSize(50);
        assertThat(chart.attr("data-samples")).isEqualTo(String.valueOf(N));
        Element stats = page.selectFirst("dl.stats");
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        assertThat(DeployGatesReportTest.stat(stats, "p95")).isEqualTo(ReportFixture.rank(sorted, 0.95) + " ms");
        assertThat(DeployGatesReportTest.stat(stats, "p50")).isEqualTo(ReportFixture.rank(sorted, 0.50) + " ms");
        assertThat(DeployGatesReportTest.stat(stats, "max")).isEqualTo("5000 ms");
        assertThat(DeployGatesReportTest.stat(stats, "failed")).isEqualTo("50 (0.5%)");
        assertThat(chart.attr("data-p95")).isEqualTo(String.valueOf(ReportFixture.rank(sorted, 0.95)));
        assertThat(page.selectFirst("p.legend").text()).contains("drawn from 10000 samples");
    }

    @Test
    void timeStepsAreRoundNumbers() {
        assertThat(LatencyChart.timeStep(4700)).isEqualTo(1000);
        assertThat(LatencyChart.timeStep(300_000)).isEqualTo(60_000);
        assertThat(Human.duration(1500)).isEqualTo("1.5 s");
        assertThat(Human.duration(95_000)).isEqualTo("1 m 35 s");
        assertThat(Human.duration(120_000)).isEqualTo("2 m");
    }
}
