package io.jenkins.plugins.deploygates.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The samples of one target of one health gate, in probe order, with figures computed exactly per phase: the
 * probes until healthy ({@link #await}) and the watch ({@link #watch}). A gate's verdict judges each phase on its
 * own samples, so the page does too (the chart may draw fewer points; these figures never change with the drawing).
 */
final class HealthSeries {
    final String target;
    final long[] atMs;
    final long[] latencyMs;
    final boolean[] failed;
    final String[] notes;
    /** When the watch phase began, or -1 when the gate never watched. */
    final long watchFromMs;
    /** The time axis: until the gate ended, or the last probe answered. */
    final long spanMs;
    /** The probes until the gate was healthy (or gave up); samples without a phase count here. */
    final PhaseFigures await;
    /** The watch samples, or null when the gate never watched. */
    final PhaseFigures watch;

    private HealthSeries(String target, List<JsonNode> samples, long gateDurationMs) {
        int n = samples.size();
        this.target = target;
        this.atMs = new long[n];
        this.latencyMs = new long[n];
        this.failed = new boolean[n];
        this.notes = new String[n];
        boolean[] watching = new boolean[n];
        long watchStart = -1;
        long span = Math.max(0, gateDurationMs);
        for (int i = 0; i < n; i++) {
            JsonNode s = samples.get(i);
            // Negative times or latencies mean a broken record; they are drawn at zero rather than off the chart.
            atMs[i] = Math.max(0, orZero(Fields.number(s, "atMs", "at")));
            latencyMs[i] = Math.max(0, orZero(Fields.number(s, "latencyMs", "latencyMillis")));
            String outcome = String.valueOf(Fields.text(s, "outcome")).toUpperCase(Locale.ROOT);
            failed[i] = !isSuccess(s, outcome);
            notes[i] = failed[i] ? note(s, outcome) : null;
            watching[i] = "WATCH".equalsIgnoreCase(Fields.text(s, "phase"));
            if (watching[i] && watchStart < 0) {
                watchStart = atMs[i];
            }
            span = Math.max(span, saturatedSum(atMs[i], latencyMs[i]));
        }
        this.watchFromMs = watchStart;
        this.spanMs = Math.max(span, 1);
        this.await = PhaseFigures.of(latencyMs, failed, watching, false);
        this.watch = watchStart < 0 ? null : PhaseFigures.of(latencyMs, failed, watching, true);
    }

    int size() {
        return atMs.length;
    }

    /** The phase whose latency the verdict judges: the watch when there was one, else the probes until healthy. */
    PhaseFigures judged() {
        return watch != null ? watch : await;
    }

    /** One series per target of a {@code health-gate.json}, in the order the record lists its targets. */
    static List<HealthSeries> of(JsonNode record) {
        Map<String, List<JsonNode>> byTarget = new LinkedHashMap<>();
        Fields.items(record, "targets").forEach(t -> byTarget.put(t.asText(), new ArrayList<>()));
        for (JsonNode sample : samplesOf(record)) {
            String target = String.valueOf(Fields.text(sample, "target", "url"));
            byTarget.computeIfAbsent(target, t -> new ArrayList<>()).add(sample);
        }
        long duration = orZero(Fields.number(verdictOf(record), "durationMs"));
        List<HealthSeries> series = new ArrayList<>();
        byTarget.forEach((target, samples) -> series.add(new HealthSeries(target, samples, duration)));
        return series;
    }

    /** The verdict object: nested under {@code verdict} in the gate's file, or the record itself. */
    static JsonNode verdictOf(JsonNode record) {
        JsonNode nested = Fields.object(record, "verdict");
        return nested == null ? record : nested;
    }

    static List<JsonNode> samplesOf(JsonNode record) {
        return Fields.items(verdictOf(record), "samples").stream().filter(JsonNode::isObject)
                .collect(java.util.stream.Collectors.toList());
    }

    private static boolean isSuccess(JsonNode sample, String outcome) {
        Boolean success = Fields.flag(sample, "success");
        return success != null ? success : outcome.equals("SUCCESS");
    }

    private static String note(JsonNode sample, String outcome) {
        String status = Fields.text(sample, "status");
        String detail = Fields.text(sample, "detail");
        return outcome.toLowerCase(Locale.ROOT) + (status == null ? "" : " " + status) + (detail == null ? "" : ": " + detail);
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
