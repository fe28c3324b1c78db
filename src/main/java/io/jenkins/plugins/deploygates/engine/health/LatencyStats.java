package io.jenkins.plugins.deploygates.engine.health;

import java.util.Arrays;
import java.util.Collection;

/** Exact p50, p95 and max of a set of latencies (nearest-rank percentiles). */
public final class LatencyStats {
    private final long p50;
    private final long p95;
    private final long max;

    private LatencyStats(long p50, long p95, long max) {
        this.p50 = p50;
        this.p95 = p95;
        this.max = max;
    }

    public static LatencyStats of(Collection<Sample> samples) {
        return ofLatencies(samples.stream().mapToLong(Sample::getLatencyMs).toArray());
    }

    /** The same figures from bare latencies in milliseconds (the report reads them back from JSON). */
    public static LatencyStats ofLatencies(long[] latencies) {
        long[] ms = latencies.clone();
        if (ms.length == 0) {
            return new LatencyStats(0, 0, 0);
        }
        Arrays.sort(ms);
        return new LatencyStats(rank(ms, 0.50), rank(ms, 0.95), ms[ms.length - 1]);
    }

    private static long rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }

    public long p50() {
        return p50;
    }

    public long p95() {
        return p95;
    }

    public long max() {
        return max;
    }
}
