package io.jenkins.plugins.deploygates.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.report.Html.Tone;

/** A compose rebuild or rollback: its verdict, whether it rolled back, and one row per service container. */
final class ServiceTable {
    private final Html html;

    ServiceTable(Html html) {
        this.html = html;
    }

    String render(Source source) {
        JsonNode record = source.json();
        String step = Fields.text(record, "step");
        String verdict = Fields.text(record, "verdict");
        StringBuilder out = new StringBuilder("<article class=\"card docker\" data-source=\"")
                .append(html.attr(source.path())).append("\"><header class=\"card-head\"><h3>")
                .append(html.text(step == null ? "Compose services" : step));
        String project = Fields.text(record, "project", "projectName");
        if (project != null) {
            out.append(" <span class=\"env\">").append(html.text(project)).append("</span>");
        }
        out.append("</h3>").append(verdict == null ? "" : html.badge(verdict, Tone.of(verdict))).append("</header>");
        if (Boolean.TRUE.equals(Fields.flag(record, "rolledBack"))) {
            out.append("<p class=\"banner warn\" data-rolled-back=\"true\">Rolled back to the previous images</p>");
        }
        String reason = Fields.text(record, "reason");
        if (reason != null) {
            out.append("<p class=\"reason\">").append(html.text(reason)).append("</p>");
        }
        out.append(table(record, "services"));
        // A dockerRollback's services are already the state after the rollback: one table says it all.
        JsonNode rollback = Fields.object(record, "rollback");
        boolean isRollback = step != null && step.toLowerCase(java.util.Locale.ROOT).contains("rollback");
        if (rollback != null && !isRollback && !Fields.items(rollback, "services").isEmpty()) {
            out.append("<h4>After the rollback</h4>").append(table(rollback, "services rollback"));
        }
        return out.append("</article>").toString();
    }

    private String table(JsonNode record, String cssClass) {
        Table table = new Table("Service", "Container", "State", "Health", "Image", "Restarts");
        for (JsonNode s : Fields.items(record, "services")) {
            String state = Fields.text(s, "state", "status");
            String health = Fields.text(s, "health");
            Long restarts = Fields.number(s, "restarts", "restartCount");
            table.row(Tone.of(state).css, html.text(Fields.text(s, "name", "service")),
                    "<span class=\"mono\">" + html.text(Fields.text(s, "container", "containerName")) + "</span>",
                    state == null ? html.text(null) : html.badge(state, Tone.of(state)),
                    health == null ? html.text(null) : html.badge(health, Tone.of(health)),
                    "<span class=\"mono\">" + html.text(Fields.text(s, "imageId", "image")) + "</span>",
                    restarts == null ? html.text(null) : (restarts > 0 ? "<strong class=\"fail-text\">" + restarts
                            + "</strong>" : String.valueOf(restarts)));
        }
        return table.render(cssClass);
    }
}
