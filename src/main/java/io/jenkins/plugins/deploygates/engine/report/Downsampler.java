package io.jenkins.plugins.deploygates.engine.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses which samples the chart draws. Per pixel column it keeps the fastest and the slowest sample, so
 * every spike and dip stays visible while 10,000 samples draw as at most two points per column; failures are
 * never dropped, each one gets its own mark. Only the drawing is thinned: figures come from all samples.
 */
final class Downsampler {
    private Downsampler() {}

    /** Indices of the samples the line passes through, in probe order. */
    static int[] line(long[] atMs, long[] latencyMs, long spanMs, int columns) {
        int n = atMs.length;
        int[] lowest = filled(columns);
        int[] highest = filled(columns);
        for (int i = 0; i < n; i++) {
            int c = column(atMs[i], spanMs, columns);
            if (lowest[c] < 0 || latencyMs[i] < latencyMs[lowest[c]]) {
                lowest[c] = i;
            }
            if (highest[c] < 0 || latencyMs[i] > latencyMs[highest[c]]) {
                highest[c] = i;
            }
        }
        List<Integer> kept = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            addInOrder(kept, lowest[c], highest[c]);
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Indices of every failed sample. */
    static int[] failures(boolean[] failed) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < failed.length; i++) {
            if (failed[i]) {
                kept.add(i);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /** In floating point: {@code atMs * columns} overflows a long for times a broken record may hold. */
    static int column(long atMs, long spanMs, int columns) {
        double c = spanMs <= 0 ? 0 : (double) atMs * columns / spanMs;
        return (int) Math.max(0, Math.min(columns - 1, c));
    }

    private static void addInOrder(List<Integer> kept, int a, int b) {
        if (a < 0) {
            return;
        }
        kept.add(Math.min(a, b));
        if (a != b) {
            kept.add(Math.max(a, b));
        }
    }

    private static int[] filled(int size) {
        int[] array = new int[size];
        java.util.Arrays.fill(array, -1);
        return array;
    }
}
