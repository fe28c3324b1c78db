package io.jenkins.plugins.deploygates.engine.health;

import io.jenkins.plugins.deploygates.engine.common.Durations;
import java.util.List;
import java.util.Map;

/** The watch phase's limits, judged after each round (early trip) and at the end of the watch. */
final class WatchJudge {
    private WatchJudge() {}

    /**
     * Updates the per-target consecutive-failure counts with this round and returns why the watch must stop now,
     * or null to go on.
     */
    static String tripped(HealthGateConfig config, List<Sample> round, Map<String, Integer> consecutiveFailures,
            List<Sample> watchSamples) {
        for (Sample s : round) {
            consecutiveFailures.put(s.getTarget(), s.isSuccess() ? 0 : consecutiveFailures.getOrDefault(s.getTarget(), 0) + 1);
        }
        Integer limit = config.maxConsecutiveFailures();
        if (limit != null) {
            for (Sample s : round) {
                int n = consecutiveFailures.get(s.getTarget());
                if (n > limit) {
                    return n + " consecutive failed samples of " + s.getTarget() + " exceed maxConsecutiveFailures "
                            + limit + "; last: " + s.getDetail();
                }
            }
        }
        Double maxRate = config.maxErrorRate();
        long failed = watchSamples.stream().filter(s -> !s.isSuccess()).count();
        long planned = config.plannedWatchSamples();
        if (maxRate != null && failed > maxRate * planned) {
            return failed + " of the " + planned + " planned watch samples already failed ("
                    + HealthGate.percent((double) failed / planned) + "), more than maxErrorRate "
                    + HealthGate.percent(maxRate) + " allows; last: " + lastFailureDetail(watchSamples);
        }
        return null;
    }

    /** Why the finished watch fails, or null when it passes. */
    static String atEnd(HealthGateConfig config, List<Sample> watchSamples) {
        double rate = errorRate(watchSamples);
        if (config.maxErrorRate() != null && rate > config.maxErrorRate()) {
            return "error rate " + HealthGate.percent(rate) + " (" + failed(watchSamples) + " of " + watchSamples.size()
                    + " samples) exceeds maxErrorRate " + HealthGate.percent(config.maxErrorRate()) + " during the "
                    + Durations.format(config.watch()) + " watch; last: " + lastFailureDetail(watchSamples);
        }
        long p95 = LatencyStats.of(watchSamples).p95();
        if (config.maxP95() != null && p95 > config.maxP95().toMillis()) {
            return "p95 latency " + p95 + "ms exceeds maxP95 " + Durations.format(config.maxP95()) + " during the "
                    + Durations.format(config.watch()) + " watch";
        }
        return null;
    }

    static String describe(HealthGateConfig config, List<Sample> watchSamples) {
        return "watched " + Durations.format(config.watch()) + ": " + failed(watchSamples) + " of "
                + watchSamples.size() + " samples failed (" + HealthGate.percent(errorRate(watchSamples)) + "), p95 "
                + LatencyStats.of(watchSamples).p95() + "ms";
    }

    private static long failed(List<Sample> samples) {
        return samples.stream().filter(s -> !s.isSuccess()).count();
    }

    private static double errorRate(List<Sample> samples) {
        return samples.isEmpty() ? 0 : (double) failed(samples) / samples.size();
    }

    private static String lastFailureDetail(List<Sample> samples) {
        for (int i = samples.size() - 1; i >= 0; i--) {
            if (!samples.get(i).isSuccess()) {
                return samples.get(i).getTarget() + ": " + samples.get(i).getDetail();
            }
        }
        return "none";
    }
}
