package io.jenkins.plugins.deploygates.engine.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.health.Sample;
import io.jenkins.plugins.deploygates.engine.health.Verdict;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Each kind of gate record read into a {@link GateVerdict} with its key figures. A step's own result goes through
 * the same reader as the record it writes (converted to the record's JSON first), so both give the same verdict.
 */
public final class GateVerdicts {
    private GateVerdicts() {}

    /** A {@code health-gate.json}: verdict, p95, samples (and how many failed), time to healthy, duration. */
    public static GateVerdict health(JsonNode record) {
        JsonNode v = record.path("verdict").isObject() ? record.path("verdict") : record;
        List<String> targets = RecordValues.texts(record, "targets");
        JsonNode counts = v.path("counts").isObject() ? v.path("counts") : v.path("samples");
        long total = 0;
        for (JsonNode count : counts) {
            total += count.asLong();
        }
        long failed = total - counts.path("success").asLong(0);
        String verdict = RecordValues.text(v, "verdict");
        if (verdict == null) {
            verdict = RecordValues.isTrue(v, "healthy") ? "PASS" : "FAIL";
        }
        Long timeToHealthy = RecordValues.number(v, "timeToHealthyMs");
        return new VerdictBuilder("health", "Health gate").subject(SummaryText.list(targets))
                .verdict(verdict, Tone.ofVerdict(verdict))
                .figure("p95", Millis.text(RecordValues.number(v, "p95Ms")))
                .figure("samples", counts.isObject() ? total + (failed > 0 ? " (" + failed + " failed)" : "") : null)
                .figure("time to healthy", timeToHealthy != null && timeToHealthy < 0 ? "never" : Millis.text(timeToHealthy))
                .figure("duration", Millis.text(RecordValues.number(v, "durationMs")))
                .detail(RecordValues.text(v, "reason"))
                .identity(targets, verdict, counts, RecordValues.text(v, "p95Ms"), RecordValues.text(v, "durationMs"))
                .build();
    }

    /** A {@code smoke-auth.json}: checks passed out of how many, which failed, and the first failure's reason. */
    public static GateVerdict smoke(JsonNode record) {
        List<JsonNode> checks = RecordValues.objects(record, "checks");
        List<String> failed = names(checks, "FAILED");
        List<String> skipped = names(checks, "SKIPPED");
        long passed = checks.size() - failed.size() - skipped.size();
        String verdict = failed.isEmpty() && !checks.isEmpty() ? "PASS" : "FAIL";
        JsonNode firstFailure = checks.stream().filter(c -> outcome(c).equals("FAILED")).findFirst().orElse(null);
        return new VerdictBuilder("smoke", "Smoke flow")
                .subject(join(RecordValues.text(record, "baseUrl"), RecordValues.text(record, "flow")))
                .verdict(verdict, Tone.ofVerdict(verdict))
                .figure("checks", passed + " of " + checks.size() + " passed")
                .figure("failed", SummaryText.list(failed))
                .figure("skipped", SummaryText.list(skipped))
                .detail(firstFailure == null ? null
                        : RecordValues.text(firstFailure, "name") + ": " + RecordValues.text(firstFailure, "reason"))
                .identity(RecordValues.text(record, "baseUrl"), checks.stream()
                        .map(c -> RecordValues.text(c, "name") + "=" + outcome(c) + "@" + RecordValues.text(c, "latencyMillis"))
                        .collect(Collectors.joining(",")))
                .build();
    }

    /** A Railway deploy or rollback record: deployment id, status, duration, what it replaced, links. */
    public static GateVerdict railway(JsonNode record) {
        String operation = String.valueOf(RecordValues.text(record, "operation"));
        String status = RecordValues.text(record, "status");
        String verdict = RecordValues.text(record, "verdict");
        String shown = verdict != null ? verdict : status;
        return new VerdictBuilder("railway", operation.contains("rollback") ? "Railway rollback" : "Railway deploy")
                .subject(join(first(record, "serviceName", "service"), first(record, "environmentName", "environment")))
                .verdict(shown, Tone.ofVerdict(shown))
                .figure("deployment", RecordValues.text(record, "deploymentId"))
                .figure("status", status)
                .figure("duration", Millis.text(RecordValues.number(record, "durationMs")))
                .figure("rolled back to", RecordValues.text(record, "rolledBackTo"))
                .figure("replaces", RecordValues.text(record, "replacedDeploymentId"))
                .detail(Tone.ofVerdict(shown) == Tone.PASS ? null : RecordValues.text(record, "reason"))
                .link("deployment", RecordValues.text(record, "url"))
                .link("logs", RecordValues.text(record, "logsUrl"))
                .identity(operation, RecordValues.text(record, "deploymentId"), RecordValues.text(record, "startedAt"),
                        shown)
                .build();
    }

    /** A compose rebuild or rollback record: each service with its image id, and whether it rolled back. */
    public static GateVerdict compose(JsonNode record) {
        boolean rollbackStep = String.valueOf(RecordValues.text(record, "step")).toLowerCase(Locale.ROOT).contains("rollback");
        String verdict = RecordValues.text(record, "verdict");
        List<String> services = RecordValues.objects(record, "services").stream()
                .map(s -> first(s, "service", "name") + " " + RecordValues.text(s, "imageId"))
                .collect(Collectors.toList());
        JsonNode rollback = record.path("rollback");
        String rolledBack = !RecordValues.isTrue(record, "rolledBack") ? "no"
                : "yes" + (RecordValues.text(rollback, "verdict") == null ? "" : ", " + RecordValues.text(rollback, "verdict"));
        List<String> restored = RecordValues.objects(rollback, "images").stream()
                .map(i -> RecordValues.text(i, "service") + " " + RecordValues.text(i, "imageId")).collect(Collectors.toList());
        return new VerdictBuilder("compose", rollbackStep ? "Compose rollback" : "Compose rebuild")
                .subject(RecordValues.text(record, "project"))
                .verdict(verdict, Tone.ofVerdict(verdict))
                .figure("services", SummaryText.list(services))
                .figure(rollbackStep ? "restored" : "rolled back", rollbackStep ? SummaryText.list(restored) : rolledBack)
                .detail(RecordValues.text(record, "reason"))
                .identity(RecordValues.text(record, "step"), RecordValues.text(record, "project"), verdict, services,
                        restored, RecordValues.text(record, "reason"))
                .build();
    }

    /** What {@code healthGate} decided, read as its {@code health-gate.json} reads (without the samples). */
    public static GateVerdict of(Verdict verdict) {
        return health(verdict.getSamples().stream().map(Sample::getTarget).distinct().collect(Collectors.toList()),
                verdict.toMap());
    }

    /**
     * What {@code healthGate} returned ({@link Verdict#toMap()}, also across the channel from an agent) for these
     * targets (the distinct targets of its samples, as its record lists them).
     */
    public static GateVerdict health(List<String> targets, Map<String, Object> verdict) {
        ObjectNode record = Json.MAPPER.createObjectNode();
        record.set("targets", Json.MAPPER.valueToTree(targets));
        record.set("verdict", Json.MAPPER.valueToTree(verdict));
        return health(record);
    }

    /** What {@code smokeAuthFlow} found, read as its {@code smoke-auth.json} reads. */
    public static GateVerdict of(SmokeReport report) {
        return smoke(Json.MAPPER.valueToTree(report.toMap()));
    }

    /** What {@code railwayUp} or {@code railwayRollback} ended with, read as its record reads. */
    public static GateVerdict of(DeploymentRecord record) {
        return railway(Json.MAPPER.valueToTree(record));
    }

    /** What {@code dockerRebuild} or {@code dockerRollback} returned (the same values as its record). */
    public static GateVerdict ofCompose(Map<String, Object> result) {
        return compose(Json.MAPPER.valueToTree(result));
    }

    private static List<String> names(List<JsonNode> checks, String outcome) {
        return checks.stream().filter(c -> outcome(c).equals(outcome)).map(c -> RecordValues.text(c, "name"))
                .collect(Collectors.toList());
    }

    /** PASSED, FAILED or SKIPPED, from the check's outcome word or its passed flag. */
    private static String outcome(JsonNode check) {
        String outcome = RecordValues.text(check, "outcome");
        if (outcome != null) {
            return outcome.toUpperCase(Locale.ROOT);
        }
        return RecordValues.isTrue(check, "passed") ? "PASSED" : "FAILED";
    }

    private static String first(JsonNode node, String name, String fallback) {
        String value = RecordValues.text(node, name);
        return value != null ? value : RecordValues.text(node, fallback);
    }

    private static String join(String first, String second) {
        if (first == null) {
            return second;
        }
        return second == null ? first : first + " \u00b7 " + second;
    }
}
