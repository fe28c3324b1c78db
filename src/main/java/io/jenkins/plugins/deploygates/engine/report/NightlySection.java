package io.jenkins.plugins.deploygates.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.report.Html.Tone;

/**
 * The nightly check's {@code nightly-check.json}: its worst status, then one row per environment with its worst
 * status and each check (health, smoke, drift, TLS) with its status and one line.
 */
final class NightlySection {
    private final Html html;

    NightlySection(Html html) {
        this.html = html;
    }

    String render(Source source) {
        JsonNode record = source.json();
        String worst = Fields.text(record, "worst");
        StringBuilder out = new StringBuilder("<article class=\"card nightly\" data-source=\"")
                .append(html.attr(source.path())).append("\"><header class=\"card-head\"><h3>Nightly check</h3>")
                .append(worst == null ? "" : html.badge(worst, Tone.of(worst))).append("</header>");
        Table table = new Table("Environment", "Worst", "Checks");
        for (JsonNode environment : Fields.items(record, "environments")) {
            String status = Fields.text(environment, "worst");
            StringBuilder checks = new StringBuilder();
            for (JsonNode check : Fields.items(environment, "checks")) {
                String checkStatus = Fields.text(check, "status");
                checks.append("<div class=\"check\">").append(html.badge(checkStatus, Tone.of(checkStatus))).append(' ')
                        .append(html.text(Fields.text(check, "name"))).append(": ")
                        .append(html.text(Fields.text(check, "text"))).append("</div>");
            }
            table.row(Tone.of(status).css, html.text(Fields.text(environment, "name")),
                    status == null ? html.text(null) : html.badge(status, Tone.of(status)), checks.toString());
        }
        return out.append(table.render("environments")).append("</article>").toString();
    }
}
