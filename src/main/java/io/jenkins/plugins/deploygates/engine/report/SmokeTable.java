package io.jenkins.plugins.deploygates.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.report.Html.Tone;
import java.util.List;

/**
 * A smoke run: how many checks passed, then one row per check with its status, latency, and why it failed or, for a
 * check that did not fail, what it saw (the 429 of a rate limit, the hops of a click-tracked link).
 */
final class SmokeTable {
    private final Html html;

    SmokeTable(Html html) {
        this.html = html;
    }

    String render(Source source) {
        JsonNode record = source.json();
        List<JsonNode> checks = Fields.items(record, "checks");
        long passed = checks.stream().filter(SmokeTable::passed).count();
        boolean ok = checks.stream().map(SmokeTable::result).noneMatch(r -> r.equals("failed") || r.equals("not run"));
        StringBuilder out = new StringBuilder("<article class=\"card smoke\" data-source=\"")
                .append(html.attr(source.path())).append("\"><header class=\"card-head\"><h3>Smoke run");
        String flow = Fields.text(record, "flow");
        if (flow != null) {
            out.append(" <span class=\"env\">").append(html.text(flow)).append("</span>");
        }
        out.append("</h3>").append(html.badge(passed + " of " + checks.size() + " passed", ok ? Tone.PASS : Tone.FAIL))
                .append("</header>");
        String baseUrl = Fields.text(record, "baseUrl", "url");
        if (baseUrl != null) {
            out.append("<p class=\"muted mono\">").append(html.text(baseUrl)).append("</p>");
        }
        Table table = new Table("Check", "Result", "Status", "Latency", "Reason");
        for (JsonNode check : checks) {
            String result = result(check);
            Long latency = Fields.number(check, "latencyMs", "latencyMillis");
            table.row(Tone.of(result).css, html.text(Fields.text(check, "name")), html.badge(result, Tone.of(result)),
                    html.text(Fields.text(check, "status")), latency == null ? html.text(null) : Human.millis(latency),
                    html.text(Fields.text(check, "reason") != null ? Fields.text(check, "reason") : Fields.text(check, "saw")));
        }
        return out.append(table.render("checks")).append("</article>").toString();
    }

    private static boolean passed(JsonNode check) {
        return result(check).equals("passed");
    }

    /** passed, failed, skipped, warned or not run: from the check's {@code outcome} word, else {@code passed}. */
    private static String result(JsonNode check) {
        String outcome = Fields.text(check, "outcome");
        if (outcome != null && outcome.matches("(?i)skipped|warned|not_run")) {
            return outcome.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
        Boolean passed = Fields.flag(check, "passed");
        if (passed != null) {
            return passed ? "passed" : "failed";
        }
        return Html.Tone.of(outcome) == Tone.PASS ? "passed" : "failed";
    }
}
