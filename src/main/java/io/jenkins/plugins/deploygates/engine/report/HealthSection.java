package io.jenkins.plugins.deploygates.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.report.Html.Tone;

/** One health gate: its verdict and reason, then per target the exact figures and the latency chart. */
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
        for (HealthSeries series : HealthSeries.of(source.json())) {
            out.append(target(series, Fields.number(verdict, "timeToHealthyMs"), Tone.of(label)));
        }
        return out.append("</article>").toString();
    }

    private String where(Source source) {
        return source.folder().isEmpty() ? "" : " <span class=\"env\">" + html.text(source.folder()) + "</span>";
    }

    /** @param gate the gate's verdict: failures a passed gate outlived (warming up) show amber, not red */
    private String target(HealthSeries s, Long timeToHealthyMs, Tone gate) {
        StringBuilder out = new StringBuilder("<section class=\"target\"><h4 class=\"mono\">")
                .append(html.text(s.target)).append("</h4>");
        if (s.size() == 0) {
            return out.append("<p class=\"muted\">No samples recorded for this target.</p></section>").toString();
        }
        out.append("<dl class=\"stats\" data-target=\"").append(html.attr(s.target)).append("\">")
                .append(stat("samples", String.valueOf(s.size()), Tone.NEUTRAL))
                .append(stat("failed", s.failures + " (" + Human.percent(s.failures, s.size()) + ")",
                        s.failures == 0 ? Tone.PASS : gate == Tone.PASS ? Tone.WARN : Tone.FAIL))
                .append(stat("p50", Human.millis(s.stats.p50()), Tone.NEUTRAL))
                .append(stat("p95", Human.millis(s.stats.p95()), Tone.NEUTRAL))
                .append(stat("max", Human.millis(s.stats.max()), Tone.NEUTRAL));
        if (timeToHealthyMs != null) {
            out.append(stat("time to healthy", timeToHealthyMs < 0 ? "never" : Human.duration(timeToHealthyMs),
                    timeToHealthyMs < 0 ? Tone.FAIL : Tone.NEUTRAL));
        }
        out.append("</dl>").append(chart.render(s)).append(legend(s));
        return out.append("</section>").toString();
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
                + "sample <span class=\"key p95\"></span>p95" + (s.watchFromMs >= 0
                ? " <span class=\"key watch\"></span>watch phase" : "") + thinned + "</p>";
    }
}
