package io.jenkins.plugins.deploygates.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.report.Html.Tone;
import java.util.List;

/** Railway deployments and rollbacks: ids, final status, links to the deployment and its logs, status history. */
final class DeploymentTable {
    private final Html html;
    private final Table table =
            new Table("Service", "Operation", "Deployment", "Status", "Duration", "Links", "Status history");
    private boolean empty = true;

    DeploymentTable(Html html) {
        this.html = html;
    }

    /** One row per record; a record whose values break its row throws before the row is added. */
    void add(Source source) {
        JsonNode r = source.json();
        String status = Fields.text(r, "status");
        String verdict = Fields.text(r, "verdict");
        Long duration = Fields.number(r, "durationMs");
        table.row(Tone.of(verdict != null ? verdict : status).css, service(r, source),
                html.text(Fields.text(r, "operation")), deploymentId(r),
                (status == null ? "" : html.badge(status, Tone.of(status)))
                        + (verdict == null ? "" : " " + html.badge(verdict, Tone.of(verdict)))
                        + reason(r),
                duration == null ? html.text(null) : Human.duration(duration), links(r), history(r));
        empty = false;
    }

    /** The card with every row added, or nothing when no record made a row. */
    String render() {
        return empty ? "" : "<article class=\"card railway\">" + table.render("deployments") + "</article>";
    }

    private String service(JsonNode r, Source source) {
        String name = Fields.text(r, "serviceName", "service");
        String env = Fields.text(r, "environmentName", "environment");
        return html.text(name == null ? source.path() : name)
                + (env == null ? "" : " <span class=\"env\">" + html.text(env) + "</span>");
    }

    /** The id, and what it replaced (the deployment a rollback would restore) or restored. */
    private String deploymentId(JsonNode r) {
        String out = "<code class=\"deployment-id\">" + html.text(Fields.text(r, "deploymentId")) + "</code>";
        String target = Fields.text(r, "rolledBackTo");
        String replaced = Fields.text(r, "replacedDeploymentId");
        if (target != null) {
            out += "<div class=\"muted\">rolled back to <code>" + html.text(target) + "</code></div>";
        }
        if (replaced != null) {
            out += "<div class=\"muted replaced\">replaces <code>" + html.text(replaced) + "</code></div>";
        }
        return out;
    }

    private String reason(JsonNode r) {
        String reason = Fields.text(r, "reason");
        return reason == null ? "" : "<div class=\"muted\">" + html.text(reason) + "</div>";
    }

    private String links(JsonNode r) {
        String url = Fields.text(r, "url");
        String logs = Fields.text(r, "logsUrl");
        String deployed = Fields.text(r, "deploymentDomain", "domain");
        StringBuilder out = new StringBuilder();
        if (url != null && !url.isEmpty()) {
            out.append(html.link(url, "deployment")).append(' ');
        }
        if (logs != null && !logs.isEmpty()) {
            out.append(html.link(logs, "logs")).append(' ');
        }
        if (deployed != null && !deployed.isEmpty()) {
            out.append(html.link(deployed.contains("://") ? deployed : "https://" + deployed, "service"));
        }
        return out.length() == 0 ? html.text(null) : out.toString().trim();
    }

    private String history(JsonNode r) {
        List<JsonNode> statuses = Fields.items(r, "statuses");
        if (statuses.isEmpty()) {
            return html.text(null);
        }
        StringBuilder out = new StringBuilder("<ol class=\"history\">");
        for (JsonNode change : statuses) {
            String status = change.isValueNode() ? change.asText() : Fields.text(change, "status");
            String at = change.isValueNode() ? null : Fields.text(change, "at", "timestamp", "createdAt", "time");
            out.append("<li class=\"").append(Tone.of(status).css).append("\"><span>").append(html.text(status))
                    .append("</span>").append(at == null ? "" : " <time datetime=\"" + html.attr(at) + "\">"
                            + html.text(Human.clock(at)) + "</time>").append("</li>");
        }
        return out.append("</ol>").toString();
    }
}
