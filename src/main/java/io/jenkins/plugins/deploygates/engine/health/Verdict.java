package io.jenkins.plugins.deploygates.engine.health;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a health gate ended, explained: the decision, the reason people read ("rollback recommended: ..."), the
 * count of each sample outcome, latency figures, time to healthy and the last failing sample.
 */
@JsonPropertyOrder({"healthy", "verdict", "phase", "reason", "counts", "p50Ms", "p95Ms", "maxMs", "timeToHealthyMs",
        "durationMs", "lastFailure", "samples"})
public final class Verdict {
    private final boolean healthy;
    private final Phase phase;
    private final String reason;
    private final List<Sample> samples;
    private final long timeToHealthyMs;
    private final long durationMs;
    private final LatencyStats latency;

    Verdict(boolean healthy, Phase phase, String reason, List<Sample> samples, long timeToHealthyMs,
            long durationMs) {
        this.healthy = healthy;
        this.phase = phase;
        this.reason = reason;
        this.samples = List.copyOf(samples);
        this.timeToHealthyMs = timeToHealthyMs;
        this.durationMs = durationMs;
        this.latency = LatencyStats.of(this.samples);
    }

    public boolean isHealthy() {
        return healthy;
    }

    /** {@code PASS} or {@code FAIL}. */
    public String getVerdict() {
        return healthy ? "PASS" : "FAIL";
    }

    /** The phase the gate ended in. */
    public Phase getPhase() {
        return phase;
    }

    public String getReason() {
        return reason;
    }

    public Map<String, Long> getCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            counts.put(o.name().toLowerCase(), samples.stream().filter(s -> s.getOutcome() == o).count());
        }
        return counts;
    }

    public long getP50Ms() {
        return latency.p50();
    }

    public long getP95Ms() {
        return latency.p95();
    }

    public long getMaxMs() {
        return latency.max();
    }

    /** Milliseconds from the gate's start until the success threshold was met, or -1 if it never was. */
    public long getTimeToHealthyMs() {
        return timeToHealthyMs;
    }

    public long getDurationMs() {
        return durationMs;
    }

    public Sample getLastFailure() {
        for (int i = samples.size() - 1; i >= 0; i--) {
            if (!samples.get(i).isSuccess()) {
                return samples.get(i);
            }
        }
        return null;
    }

    public List<Sample> getSamples() {
        return samples;
    }

    /** The figures as plain values, for a Pipeline's return value (no samples: they can be thousands). */
    @JsonIgnore
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("healthy", healthy);
        map.put("verdict", getVerdict());
        map.put("phase", phase.name());
        map.put("reason", reason);
        map.put("samples", new LinkedHashMap<>(getCounts()));
        map.put("p50Ms", getP50Ms());
        map.put("p95Ms", getP95Ms());
        map.put("maxMs", getMaxMs());
        map.put("timeToHealthyMs", timeToHealthyMs);
        map.put("durationMs", durationMs);
        Sample last = getLastFailure();
        map.put("lastFailure", last == null ? null : last.describe());
        return map;
    }

    /** The summary lines printed at the end of a gate. */
    public String summary() {
        Map<String, Long> c = getCounts();
        return getVerdict() + ": " + reason + "\n  samples: " + c.get("success") + " success, " + c.get("failure")
                + " failure, " + c.get("error") + " error; latency p50 " + getP50Ms() + "ms, p95 " + getP95Ms()
                + "ms, max " + getMaxMs() + "ms; time to healthy "
                + (timeToHealthyMs < 0 ? "never" : timeToHealthyMs + "ms");
    }
}
