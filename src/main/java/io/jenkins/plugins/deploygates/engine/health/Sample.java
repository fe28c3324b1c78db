package io.jenkins.plugins.deploygates.engine.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One probe of one target: when, how long, how it ended and why. Immutable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"target", "phase", "atMs", "latencyMs", "outcome", "status", "detail"})
public final class Sample {
    private final String target;
    private final Phase phase;
    private final long atMs;
    private final long latencyMs;
    private final Outcome outcome;
    private final Integer status;
    private final String detail;

    /**
     * @param atMs when the probe started, in milliseconds since the gate started
     * @param status the HTTP status (101 for a WebSocket upgrade), or null when none was received
     * @param detail why it was not a success (redacted), or null
     */
    public Sample(String target, Phase phase, long atMs, long latencyMs, Outcome outcome, Integer status,
            String detail) {
        this.target = target;
        this.phase = phase;
        this.atMs = atMs;
        this.latencyMs = latencyMs;
        this.outcome = outcome;
        this.status = status;
        this.detail = detail;
    }

    public String getTarget() {
        return target;
    }

    public Phase getPhase() {
        return phase;
    }

    public long getAtMs() {
        return atMs;
    }

    public long getLatencyMs() {
        return latencyMs;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public Integer getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public boolean isSuccess() {
        return outcome == Outcome.SUCCESS;
    }

    /** One console line: {@code await https://x/health 503 12ms failure: HTTP 503, expected 200-299}. */
    public String describe() {
        String code = status == null ? "---" : String.valueOf(status);
        String line = phase.name().toLowerCase() + " " + target + " " + code + " " + latencyMs + "ms "
                + outcome.name().toLowerCase();
        return detail == null ? line : line + ": " + detail;
    }
}
