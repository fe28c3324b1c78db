package io.jenkins.plugins.deploygates.engine.report;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One target's latency over time as inline SVG: the latency line (thinned by {@link Downsampler}), a red mark
 * on every failed sample, a dashed p95 line across the phase the verdict judges and the watch phase shaded. The
 * {@code data-*} attributes carry the exact figures so tests and scripts can read them from the DOM.
 *
 * <p>Every colour, stroke and font is a presentation attribute, never a style rule: Jenkins serves archived files
 * with a Content-Security-Policy that refuses inline styles, and the chart must draw the same with or without the
 * page's stylesheet. Loops run over pixels and ticks, never over the records' values, so no figure in a record
 * (a duration of 9.2e18 ms) can make the drawing long or large.
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
    private static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
    static final String LATENCY_COLOUR = "#2563eb";
    static final String FAIL_COLOUR = "#cf222e";
    static final String P95_COLOUR = "#d97706";
    static final String WATCH_COLOUR = "#f0f5ff";
    private static final String TICK_COLOUR = "#616e7c";
    private static final String GRID_COLOUR = "#eceff3";

    private final Html html;

    LatencyChart(Html html) {
        this.html = html;
    }

    String render(HealthSeries s) {
        long p95 = s.judged().stats().p95();
        YAxis y = YAxis.of(Math.max(Math.max(s.await.stats().max(), s.watch == null ? 0 : s.watch.stats().max()), p95));
        int[] line = Downsampler.line(s.atMs, s.latencyMs, s.spanMs, COLUMNS);
        int[] failures = Downsampler.failures(s.failed);
        StringBuilder svg = new StringBuilder(64 * (line.length + Math.min(failures.length, 4 * COLUMNS)) + 4096);
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"Latency of ").append(html.attr(s.target))
                .append("\" font-family=\"").append(FONT).append("\" data-target=\"").append(html.attr(s.target))
                .append("\" data-samples=\"").append(s.size()).append("\" data-failures=\"").append(failures.length)
                .append("\" data-drawn=\"").append(line.length).append("\" data-p95=\"").append(p95)
                .append("\" data-p95-phase=\"").append(s.watch != null ? "watch" : "await").append("\">");
        watchBand(svg, s);
        axes(svg, s.spanMs, y);
        polyline(svg, s, line, y);
        p95(svg, s, p95, y);
        marks(svg, s, failures, y);
        return svg.append("</svg>").toString();
    }

    private void watchBand(StringBuilder svg, HealthSeries s) {
        if (s.watchFromMs < 0) {
            return;
        }
        double x = x(s.watchFromMs, s.spanMs);
        svg.append("<rect class=\"watch\" x=\"").append(fmt(x)).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(fmt(RIGHT - x)).append("\" height=\"").append(BOTTOM - TOP).append("\" fill=\"")
                .append(WATCH_COLOUR).append("\"/><text class=\"band-label\" x=\"").append(fmt(x + 6)).append("\" y=\"")
                .append(TOP + 14).append("\" fill=\"#6b7fd7\" font-size=\"12\" font-weight=\"600\">watch</text>");
    }

    private void axes(StringBuilder svg, long spanMs, YAxis y) {
        for (int i = 0; i <= y.intervals; i++) {
            double value = y.step * i;
            double at = y.y(value);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(RIGHT).append("\" y1=\"")
                    .append(fmt(at)).append("\" y2=\"").append(fmt(at)).append("\" stroke=\"").append(GRID_COLOUR)
                    .append("\" stroke-width=\"1\"/>");
            tick(svg, "end", LEFT - 8, at + 4, value < 1000 ? Human.millis((long) value) : Human.duration((long) value));
        }
        long step = timeStep(spanMs);
        long ticks = spanMs / step;
        for (long i = 0; i <= ticks; i++) {
            tick(svg, "middle", x(i * step, spanMs), BOTTOM + 20, Human.duration(i * step));
        }
    }

    private static void tick(StringBuilder svg, String anchor, double x, double y, String label) {
        svg.append("<text class=\"tick\" text-anchor=\"").append(anchor).append("\" x=\"").append(fmt(x))
                .append("\" y=\"").append(fmt(y)).append("\" fill=\"").append(TICK_COLOUR).append("\" font-size=\"12\">")
                .append(label).append("</text>");
    }

    private void polyline(StringBuilder svg, HealthSeries s, int[] line, YAxis y) {
        svg.append("<polyline class=\"latency\" fill=\"none\" stroke=\"").append(LATENCY_COLOUR)
                .append("\" stroke-width=\"1.6\" stroke-linejoin=\"round\" points=\"");
        for (int i : line) {
            svg.append(fmt(x(s.atMs[i], s.spanMs))).append(',').append(fmt(y.y(s.latencyMs[i]))).append(' ');
        }
        svg.append("\"/>");
    }

    /** Across the watch when the gate watched (the p95 its verdict judged), else across the whole gate. */
    private void p95(StringBuilder svg, HealthSeries s, long p95, YAxis y) {
        double at = y.y(p95);
        double from = s.watch != null ? x(s.watchFromMs, s.spanMs) : LEFT;
        svg.append("<line class=\"p95\" x1=\"").append(fmt(from)).append("\" x2=\"").append(RIGHT).append("\" y1=\"")
                .append(fmt(at)).append("\" y2=\"").append(fmt(at)).append("\" stroke=\"").append(P95_COLOUR)
                .append("\" stroke-width=\"1.4\" stroke-dasharray=\"6 4\"/>")
                .append("<text class=\"p95-label\" text-anchor=\"end\" x=\"").append(RIGHT - 4).append("\" y=\"")
                .append(fmt(Math.max(TOP + 12, at - 6))).append("\" fill=\"#b45309\" font-size=\"12\" font-weight=\"600\"")
                .append(" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"4\" stroke-linejoin=\"round\">")
                .append(s.watch != null ? "watch p95 " : "p95 ").append(Human.millis(p95)).append("</text>");
    }

    /** One mark per failed sample; marks that would land on the same pixel as an earlier one are drawn once. */
    private void marks(StringBuilder svg, HealthSeries s, int[] failures, YAxis y) {
        svg.append("<g class=\"failures\" fill=\"").append(FAIL_COLOUR).append("\" stroke=\"#ffffff\" stroke-width=\"1.5\">");
        Set<Long> drawn = new HashSet<>();
        int titled = 0;
        for (int i : failures) {
            double cx = x(s.atMs[i], s.spanMs);
            double cy = y.y(s.latencyMs[i]);
            if (!drawn.add(Math.round(cx) * 10_000 + Math.round(cy))) {
                continue;
            }
            svg.append("<circle class=\"fail-mark\" r=\"4.5\" cx=\"").append(fmt(cx)).append("\" cy=\"").append(fmt(cy))
                    .append("\" data-at=\"").append(s.atMs[i]).append("\">");
            if (titled++ < TOOLTIPS) {
                svg.append("<title>").append(html.text(Human.duration(s.atMs[i]) + ": " + s.notes[i]
                        + " (" + s.latencyMs[i] + " ms)")).append("</title>");
            }
            svg.append("</circle>");
        }
        svg.append("</g>");
    }

    private static double x(long atMs, long spanMs) {
        return LEFT + (double) (RIGHT - LEFT) * Math.max(0, Math.min(atMs, spanMs)) / spanMs;
    }

    /** A round tick step (100 ms ... 1 h, then whole hours) that puts at most six labels on the time axis. */
    static long timeStep(long spanMs) {
        for (long step : new long[] {100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000,
                300_000, 600_000, 900_000, 1_800_000, 3_600_000}) {
            if (spanMs / step <= 6) {
                return step;
            }
        }
        return (spanMs / 6 / 3_600_000 + 1) * 3_600_000;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * The latency axis: a round step (1, 2 or 5 times a power of ten milliseconds) and at most five intervals
     * above the slowest sample, so every tick reads as a round number (0, 50, 100 ... ms, never 62 or 187 ms).
     */
    static final class YAxis {
        final double step;
        final int intervals;
        final double max;

        private YAxis(double step, int intervals) {
            this.step = step;
            this.intervals = intervals;
            this.max = step * intervals;
        }

        /** Room for the slowest value plus a tenth, so the line never touches the top. */
        static YAxis of(long slowestMs) {
            double top = Math.max(slowestMs * 1.1, 4);
            double step = roundStep(top / 5);
            return new YAxis(step, (int) Math.max(1, Math.ceil(top / step - 1e-9)));
        }

        /** The smallest of 1, 2 or 5 times a power of ten that is at least the value. */
        static double roundStep(double atLeast) {
            double power = Math.pow(10, Math.floor(Math.log10(Math.max(atLeast, 1))));
            for (double factor : new double[] {1, 2, 5, 10}) {
                if (factor * power >= atLeast) {
                    return factor * power;
                }
            }
            return 10 * power;
        }

        double y(double ms) {
            return BOTTOM - (BOTTOM - TOP) * Math.max(0, Math.min(ms, max)) / max;
        }
    }
}
