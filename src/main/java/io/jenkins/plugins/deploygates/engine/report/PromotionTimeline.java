package io.jenkins.plugins.deploygates.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.report.Html.Tone;
import java.time.Instant;
import java.util.List;

/**
 * The promotion as a vertical timeline: the run's commit and outcome on top, then each deploy, gate, approval
 * and rollback with its time since the start, how long it took and its verdict.
 */
final class PromotionTimeline {
    private final Html html;

    PromotionTimeline(Html html) {
        this.html = html;
    }

    String render(Source source) {
        JsonNode record = source.json();
        String outcome = Fields.text(record, "outcome");
        Instant start = Human.instant(Fields.text(record, "startedAt"));
        Instant end = Human.instant(Fields.text(record, "finishedAt"));
        StringBuilder out = new StringBuilder("<article class=\"card promotion\" data-source=\"")
                .append(html.attr(source.path())).append("\"><header class=\"card-head\"><h3>Promotion")
                .append(title(record)).append("</h3>")
                .append(outcome == null ? "" : html.badge(outcome, Tone.ofPhrase(outcome))).append("</header>")
                .append("<p class=\"muted\">").append(summary(record, start, end)).append("</p>");
        List<TimelineEvent> events = TimelineEvents.of(record);
        out.append("<ol class=\"timeline\" data-events=\"").append(events.size()).append("\">");
        Instant previous = start;
        for (TimelineEvent e : events) {
            out.append(event(e, start, previous));
            previous = e.at() == null ? previous : e.at();
        }
        return out.append("</ol></article>").toString();
    }

    private String title(JsonNode record) {
        String job = Fields.text(record, "job");
        String build = Fields.text(record, "build");
        return job == null ? "" : " <span class=\"env\">" + html.text(job) + (build == null ? "" : " #" + html.text(build))
                + "</span>";
    }

    private String summary(JsonNode record, Instant start, Instant end) {
        String commit = Fields.text(record, "commit");
        StringBuilder out = new StringBuilder("commit <code>")
                .append(html.text(commit == null ? null : commit.substring(0, Math.min(12, commit.length()))))
                .append("</code>");
        if (start != null) {
            out.append(" &middot; started ").append(html.text(Human.stamp(start)));
        }
        if (start != null && end != null) {
            out.append(" &middot; took ").append(html.text(Human.duration(Human.millisBetween(start, end))));
        }
        return out.toString();
    }

    private String event(TimelineEvent e, Instant start, Instant previous) {
        Tone tone = Tone.ofPhrase(e.verdict());
        StringBuilder out = new StringBuilder("<li class=\"event ").append(tone.css).append("\" data-kind=\"")
                .append(html.attr(e.kind())).append("\"><div class=\"when\">").append(offset(e.at(), start))
                .append("</div><div class=\"dot\"></div><div class=\"what\"><div class=\"line\">");
        if (e.stage() != null && !e.stage().equals(e.kind())) {
            out.append("<span class=\"env\">").append(html.text(e.stage())).append("</span> ");
        }
        out.append("<strong>").append(html.text(e.title())).append("</strong> ");
        if (e.verdict() != null) {
            out.append(html.badge(e.verdict(), tone)).append(' ');
        }
        out.append(took(e, previous)).append("</div>");
        if (e.detail() != null && !e.detail().isEmpty()) {
            out.append("<div class=\"detail\">").append(html.text(e.detail())).append("</div>");
        }
        if (e.url() != null && !e.url().isEmpty()) {
            out.append("<div class=\"detail\">").append(html.link(e.url(), "open deployment")).append("</div>");
        }
        return out.append("</div></li>").toString();
    }

    private String offset(Instant at, Instant start) {
        if (at == null) {
            return "&nbsp;";
        }
        String clock = html.text(Human.clock(at.toString()));
        long since = Human.millisBetween(start == null ? at : start, at);
        return start == null ? clock
                : "T+" + (since == 0 ? "0" : html.text(Human.duration(since))) + " <small>" + clock + "</small>";
    }

    /** The step's own duration when recorded, else the time since the previous event. */
    private String took(TimelineEvent e, Instant previous) {
        if (e.durationMs() != null) {
            return "<span class=\"took\">took " + html.text(Human.duration(e.durationMs())) + "</span>";
        }
        if (e.at() != null && previous != null && e.at().isAfter(previous)) {
            return "<span class=\"took\">+" + html.text(Human.duration(Human.millisBetween(previous, e.at())))
                    + "</span>";
        }
        return "";
    }
}
