package io.jenkins.plugins.deploygates.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads a {@code promotion-record.json} into the events of its timeline, in the order they happened. */
final class TimelineEvents {
    private final List<TimelineEvent> events = new ArrayList<>();

    private TimelineEvents() {}

    static List<TimelineEvent> of(JsonNode record) {
        TimelineEvents t = new TimelineEvents();
        t.add(at(record, "startedAt"), "run", "run", "started", null,
                join("job " + Fields.text(record, "job"), "build #" + Fields.text(record, "build")), null, null);
        Fields.items(record, "stages").forEach(t::stage);
        Iterator<Map.Entry<String, JsonNode>> envs = record.path("environments").fields();
        envs.forEachRemaining(e -> t.environment(e.getKey(), e.getValue()));
        t.migrations(Fields.object(record, "migrations"));
        t.promotion(Fields.object(record, "promotion"));
        Fields.items(record, "rollbacks").forEach(t::rollback);
        String outcome = Fields.text(record, "outcome");
        if (Fields.text(record, "finishedAt") != null) {
            t.add(at(record, "finishedAt"), "run", "run", "finished", outcome, null, null, null);
        }
        return t.sorted();
    }

    private void stage(JsonNode s) {
        add(at(s, "at", "startedAt"), Fields.text(s, "environment", "stage"), "stage", Fields.text(s, "name"),
                Fields.text(s, "verdict", "result", "status"), Fields.text(s, "reason", "detail"),
                Fields.number(s, "durationMs"), null);
    }

    private void environment(String env, JsonNode node) {
        for (JsonNode d : Fields.items(node, "deployments")) {
            String images = Fields.items(d, "images").stream()
                    .map(i -> Fields.text(i, "name", "service") + " " + Fields.text(i, "imageId"))
                    .collect(Collectors.joining(", "));
            add(at(d, "at"), env, "deploy", "deploy " + orElse(Fields.text(d, "service"), ""),
                    Fields.text(d, "status", "verdict"), join(id(d), images.isEmpty() ? null : "images " + images),
                    Fields.number(d, "durationMs"), Fields.text(d, "url", "logsUrl"));
        }
        for (JsonNode g : Fields.items(node, "gates")) {
            gate(env, g);
        }
    }

    private void gate(String env, JsonNode g) {
        String name = orElse(Fields.text(g, "gate", "name"), "gate");
        List<JsonNode> checks = Fields.items(g, "checks");
        String figures = checks.isEmpty() ? figures(g)
                : checks.stream().filter(c -> Boolean.TRUE.equals(Fields.flag(c, "passed"))).count() + " of "
                        + checks.size() + " checks passed";
        add(at(g, "at"), env, checks.isEmpty() ? "gate" : "smoke", name + " gate", Fields.text(g, "verdict"),
                join(Fields.text(g, "reason"), figures), Fields.number(g, "durationMs"), null);
    }

    /**
     * The figures the reason does not already say: p95 and how many samples failed. A gate that watched says its
     * watch figures in its reason; the record's totals mix in the probes made before the service was ready, so
     * they would contradict it and are left out.
     */
    private static String figures(JsonNode g) {
        String reason = Fields.text(g, "reason");
        if (reason != null && reason.toLowerCase(java.util.Locale.ROOT).contains("watch")) {
            return null;
        }
        Long p95 = Fields.number(g, "p95Ms");
        JsonNode counts = Fields.object(g, "samples");
        String samples = null;
        if (counts != null) {
            long total = 0;
            for (JsonNode c : counts) {
                total += c.asLong();
            }
            samples = total + " samples, " + (total - counts.path("success").asLong()) + " failed";
        }
        return join(p95 == null ? null : "p95 " + p95 + " ms", samples);
    }

    private void migrations(JsonNode m) {
        if (m != null) {
            add(at(m, "at"), null, "migrations", "database migrations", Fields.text(m, "status"),
                    Fields.text(m, "detail"), Fields.number(m, "durationMs"), null);
        }
    }

    private void promotion(JsonNode p) {
        if (p == null) {
            return;
        }
        for (JsonNode a : Fields.items(p, "approvals")) {
            String override = Boolean.TRUE.equals(Fields.flag(a, "overrideSoak")) ? "soak overridden" : null;
            add(at(a, "at"), "promotion", "approval", "approved by " + Fields.text(a, "user"), "approved",
                    join(override, Fields.text(a, "reason"), Fields.text(a, "soak")), null, null);
        }
        for (JsonNode r : Fields.items(p, "refusals")) {
            add(at(r, "at"), "promotion", "refusal", "approval by " + Fields.text(r, "user") + " refused", "refused",
                    Fields.text(r, "refused"), null, null);
        }
        Boolean promoted = Fields.flag(p, "promoted");
        add(at(p, "decidedAt", "at"), "promotion", "promotion", "promotion decision",
                promoted == null ? null : promoted ? "promoted" : "not promoted", Fields.text(p, "outcome"), null, null);
    }

    private void rollback(JsonNode r) {
        JsonNode health = Fields.object(r, "health");
        String healthText = health == null ? null : "health after rollback " + Fields.text(health, "verdict");
        add(at(r, "at"), Fields.text(r, "environment"), "rollback", "rollback", "rolled back",
                join(Fields.text(r, "reason"), healthText), null, null);
    }

    private static String id(JsonNode d) {
        String id = Fields.text(d, "deploymentId");
        return id == null || id.isEmpty() ? null : "deployment " + id;
    }

    private void add(java.time.Instant at, String stage, String kind, String title, String verdict, String detail,
            Long durationMs, String url) {
        events.add(new TimelineEvent(at, stage, kind, title, verdict, detail, durationMs, url));
    }

    /** By time; events without one keep their record order after the timed ones. */
    private List<TimelineEvent> sorted() {
        List<TimelineEvent> out = new ArrayList<>(events);
        out.sort(Comparator.comparing(TimelineEvent::at, Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }

    private static java.time.Instant at(JsonNode node, String... names) {
        return Human.instant(Fields.text(node, names));
    }

    private static String join(String... parts) {
        return java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank() && !p.endsWith(" null"))
                .collect(Collectors.joining(" · "));
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
