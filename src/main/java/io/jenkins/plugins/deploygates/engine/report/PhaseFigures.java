package io.jenkins.plugins.deploygates.engine.report;

import io.jenkins.plugins.deploygates.engine.health.LatencyStats;

/**
 * The exact figures of one phase of one target (the probes until healthy, or the watch): how many samples, how
 * many failed, and p50/p95/max over exactly those samples, the way the gate's verdict computes them.
 */
record PhaseFigures(int samples, long failures, LatencyStats stats) {

    /** The figures of the samples whose {@code watching} flag equals {@code watchPhase}. */
    static PhaseFigures of(long[] latencyMs, boolean[] failed, boolean[] watching, boolean watchPhase) {
        long[] own = new long[latencyMs.length];
        int n = 0;
        long failures = 0;
        for (int i = 0; i < latencyMs.length; i++) {
            if (watching[i] == watchPhase) {
                own[n++] = latencyMs[i];
                failures += failed[i] ? 1 : 0;
            }
        }
        return new PhaseFigures(n, failures, LatencyStats.ofLatencies(java.util.Arrays.copyOf(own, n)));
    }
}
