package io.jenkins.plugins.deploygates.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.report.Html.Tone;

/**
 * One health gate: its verdict and reason, then per target the figures of each phase (the probes until healthy,
 * the watch) and the latency chart. Each phase's figures come from that phase's samples only, as the verdict's do:
 * probes that failed while the service was still starting are not watch failures.
 */
final class HealthSection {
    private final Html html;
    private final LatencyChart chart;

    HealthSection(Html html) {
        this.html = html;
        this.chart = new LatencyChart(html);
    }

    String render(Source source) {
        JsonNode verdict = HealthSeries.verdictOf(source.json());
        String word = Fields.text(verdict, "verdict");
        Boolean healthy = Fields.flag(verdict, "healthy");
        String label = word != null ? word : healthy == null ? "unknown" : healthy ? "PASS" : "FAIL";
        StringBuilder out = new StringBuilder("<article class=\"card gate\" data-source=\"")
                .append(html.attr(source.path())).append("\">")
                .append("<header class=\"card-head\"><h3>Health gate").append(where(source)).append("</h3>")
                .append(html.badge(label, Tone.of(label))).append("</header>")
                .append("<p class=\"reason\">").append(html.text(Fields.text(verdict, "reason"))).append("</p>");
        String plan = Fields.text(source.json(), "plan");
        if (plan != null) {
            out.append("<p class=\"muted\">").append(html.text(plan)).append("</p>");
        }
        Long timeToHealthyMs = Fields.number(verdict, "timeToHealthyMs");
        for (HealthSeries series : HealthSeries.of(source.json())) {
            out.append(target(series, timeToHealthyMs, Tone.of(label)));
        }
        return out.append("</article>").toString();
    }

    private String where(Source source) {
        return source.folder().isEmpty() ? "" : " <span class=\"env\">" + html.text(source.folder()) + "</span>";
    }

    /** @param gate the gate's verdict: watch failures a passed gate tolerated show amber, not red */
    private String target(HealthSeries s, Long timeToHealthyMs, Tone gate) {
        StringBuilder out = new StringBuilder("<section class=\"target\"><h4 class=\"mono\">")
                .append(html.text(s.target)).append("</h4>");
        if (s.size() == 0) {
            return out.append("<p class=\"muted\">No samples recorded for this target.</p></section>").toString();
        }
        out.append("<div class=\"phases\">");
        if (s.await.samples() > 0 || s.watch == null) {
            out.append(untilHealthy(s, timeToHealthyMs, gate));
        }
        if (s.watch != null) {
            out.append(watch(s, gate));
        }
        out.append("</div>").append(chart.render(s)).append(legend(s));
        return out.append("</section>").toString();
    }

    /**
     * The probes until healthy. Once the gate became healthy their failures only say the service was still
     * starting, so they are counted as "not ready" in neutral grey; a gate that never became healthy shows them red.
     */
    private String untilHealthy(HealthSeries s, Long timeToHealthyMs, Tone gate) {
        PhaseFigures f = s.await;
        boolean becameHealthy = timeToHealthyMs != null ? timeToHealthyMs >= 0 : s.watch != null || gate == Tone.PASS;
        StringBuilder tiles = new StringBuilder()
                .append(stat("probes", String.valueOf(f.samples()), Tone.NEUTRAL))
                .append(becameHealthy ? stat("not ready", String.valueOf(f.failures()), Tone.NEUTRAL)
                        : stat("failed", String.valueOf(f.failures()), f.failures() == 0 ? Tone.NEUTRAL : Tone.FAIL));
        if (s.watch == null) {
            tiles.append(latency(f));
        }
        if (timeToHealthyMs != null) {
            tiles.append(stat("time to healthy", timeToHealthyMs < 0 ? "never" : Human.duration(timeToHealthyMs),
                    timeToHealthyMs < 0 ? Tone.FAIL : Tone.NEUTRAL));
        }
        return phase(s, "await", "Until healthy", tiles.toString());
    }

    private String watch(HealthSeries s, Tone gate) {
        PhaseFigures f = s.watch;
        Tone failedTone = f.failures() == 0 ? Tone.PASS : gate == Tone.PASS ? Tone.WARN : Tone.FAIL;
        String tiles = stat("samples", String.valueOf(f.samples()), Tone.NEUTRAL)
                + stat("failed", f.failures() + " (" + Human.percent(f.failures(), f.samples()) + ")", failedTone)
                + latency(f);
        return phase(s, "watch", "Watch", tiles);
    }

    private String latency(PhaseFigures f) {
        return stat("p50", Human.millis(f.stats().p50()), Tone.NEUTRAL)
                + stat("p95", Human.millis(f.stats().p95()), Tone.NEUTRAL)
                + stat("max", Human.millis(f.stats().max()), Tone.NEUTRAL);
    }

    private String phase(HealthSeries s, String phase, String title, String tiles) {
        return "<div class=\"phase\" data-phase=\"" + phase + "\"><h5>" + title + "</h5><dl class=\"stats\" data-target=\""
                + html.attr(s.target) + "\" data-phase=\"" + phase + "\">" + tiles + "</dl></div>";
    }

    private String stat(String name, String value, Tone tone) {
        return "<div class=\"stat " + tone.css + "\" data-stat=\"" + html.attr(name) + "\"><dt>" + html.text(name)
                + "</dt><dd>" + html.text(value) + "</dd></div>";
    }

    private String legend(HealthSeries s) {
        String thinned = s.size() > LatencyChart.COLUMNS * 2
                ? " &middot; drawn from " + s.size() + " samples (fastest and slowest per pixel); figures use all"
                : "";
        return "<p class=\"legend\"><span class=\"key line\"></span>latency <span class=\"key fail\"></span>failed "
                + "sample <span class=\"key p95\"></span>" + (s.watch != null ? "p95 of the watch" : "p95")
                + (s.watch != null ? " <span class=\"key watch\"></span>watch phase" : "") + thinned + "</p>";
    }
}
