package io.jenkins.plugins.deploygates.engine.report;

import java.util.Locale;

/**
 * One target's latency over time as inline SVG: the latency line (thinned by {@link Downsampler}), a red mark
 * on every failed sample, a dashed p95 line and the watch phase shaded. The {@code data-*} attributes carry the
 * exact figures so tests and scripts can read them from the DOM.
 */
final class LatencyChart {
    static final int WIDTH = 960;
    static final int HEIGHT = 280;
    private static final int LEFT = 64;
    private static final int RIGHT = 944;
    private static final int TOP = 18;
    private static final int BOTTOM = 240;
    /** Pixel columns of the plot: the most samples the line can need is two per column. */
    static final int COLUMNS = RIGHT - LEFT;
    /** Failure marks beyond this many get no tooltip, to keep the page light; every mark is still drawn. */
    private static final int TOOLTIPS = 300;

    private final Html html;

    LatencyChart(Html html) {
        this.html = html;
    }

    String render(HealthSeries s) {
        long yMax = niceCeiling(Math.max(s.stats.max(), s.stats.p95()) * 1.1);
        int[] line = Downsampler.line(s.atMs, s.latencyMs, s.spanMs, COLUMNS);
        int[] failures = Downsampler.failures(s.failed);
        StringBuilder svg = new StringBuilder(64 * (line.length + failures.length) + 2048);
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"Latency of ").append(html.attr(s.target))
                .append("\" data-target=\"").append(html.attr(s.target)).append("\" data-samples=\"").append(s.size())
                .append("\" data-failures=\"").append(failures.length).append("\" data-drawn=\"").append(line.length)
                .append("\" data-p95=\"").append(s.stats.p95()).append("\">");
        watchBand(svg, s);
        axes(svg, s.spanMs, yMax);
        polyline(svg, s, line, yMax);
        p95(svg, s.stats.p95(), yMax);
        marks(svg, s, failures, yMax);
        return svg.append("</svg>").toString();
    }

    private void watchBand(StringBuilder svg, HealthSeries s) {
        if (s.watchFromMs < 0) {
            return;
        }
        double x = x(s.watchFromMs, s.spanMs);
        svg.append("<rect class=\"watch\" x=\"").append(fmt(x)).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(fmt(RIGHT - x)).append("\" height=\"").append(BOTTOM - TOP).append("\"/>")
                .append("<text class=\"band-label\" x=\"").append(fmt(x + 6)).append("\" y=\"").append(TOP + 14)
                .append("\">watch</text>");
    }

    private void axes(StringBuilder svg, long spanMs, long yMax) {
        for (int i = 0; i <= 4; i++) {
            long value = yMax * i / 4;
            double y = y(value, yMax);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(RIGHT).append("\" y1=\"")
                    .append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\"/>")
                    .append("<text class=\"tick\" text-anchor=\"end\" x=\"").append(LEFT - 8).append("\" y=\"")
                    .append(fmt(y + 4)).append("\">").append(value < 1000 ? Human.millis(value) : Human.duration(value))
                    .append("</text>");
        }
        long step = timeStep(spanMs);
        for (long value = 0; value <= spanMs; value += step) {
            svg.append("<text class=\"tick\" text-anchor=\"middle\" x=\"").append(fmt(x(value, spanMs)))
                    .append("\" y=\"").append(BOTTOM + 20).append("\">").append(Human.duration(value)).append("</text>");
        }
    }

    private void polyline(StringBuilder svg, HealthSeries s, int[] line, long yMax) {
        svg.append("<polyline class=\"latency\" points=\"");
        for (int i : line) {
            svg.append(fmt(x(s.atMs[i], s.spanMs))).append(',').append(fmt(y(s.latencyMs[i], yMax))).append(' ');
        }
        svg.append("\"/>");
    }

    private void p95(StringBuilder svg, long p95, long yMax) {
        double y = y(p95, yMax);
        svg.append("<line class=\"p95\" x1=\"").append(LEFT).append("\" x2=\"").append(RIGHT).append("\" y1=\"")
                .append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\"/>")
                .append("<text class=\"p95-label\" text-anchor=\"end\" x=\"").append(RIGHT - 4).append("\" y=\"")
                .append(fmt(Math.max(TOP + 12, y - 6))).append("\">p95 ").append(Human.millis(p95)).append("</text>");
    }

    private void marks(StringBuilder svg, HealthSeries s, int[] failures, long yMax) {
        svg.append("<g class=\"failures\">");
        for (int k = 0; k < failures.length; k++) {
            int i = failures[k];
            svg.append("<circle class=\"fail-mark\" r=\"4.5\" cx=\"").append(fmt(x(s.atMs[i], s.spanMs)))
                    .append("\" cy=\"").append(fmt(y(s.latencyMs[i], yMax))).append("\" data-at=\"").append(s.atMs[i])
                    .append("\">");
            if (k < TOOLTIPS) {
                svg.append("<title>").append(html.text(Human.duration(s.atMs[i]) + ": " + s.notes[i]
                        + " (" + s.latencyMs[i] + " ms)")).append("</title>");
            }
            svg.append("</circle>");
        }
        svg.append("</g>");
    }

    private static double x(long atMs, long spanMs) {
        return LEFT + (double) (RIGHT - LEFT) * Math.min(atMs, spanMs) / spanMs;
    }

    private static double y(long ms, long yMax) {
        return BOTTOM - (double) (BOTTOM - TOP) * Math.min(ms, yMax) / yMax;
    }

    /** A round tick step (100 ms ... 1 h) that puts at most six labels on the time axis. */
    static long timeStep(long spanMs) {
        for (long step : new long[] {100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000,
                300_000, 600_000, 900_000, 1_800_000, 3_600_000}) {
            if (spanMs / step <= 6) {
                return step;
            }
        }
        return (spanMs / 6 / 3_600_000 + 1) * 3_600_000;
    }

    /** The next round number above the value (1, 2, 2.5 or 5 times a power of ten), so ticks read well. */
    static long niceCeiling(double value) {
        double v = Math.max(value, 4);
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= v) {
                return (long) Math.ceil(step * power);
            }
        }
        return (long) Math.ceil(10 * power);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
