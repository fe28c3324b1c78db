package io.jenkins.plugins.deploygates.engine.health;

/** What a probe found; the gate adds the time and phase to make a {@link Sample}. */
final class ProbeResult {
    final Outcome outcome;
    final Integer status;
    final String detail;
    /** Latency measured by the probe itself (a WebSocket's hold time is not latency), or -1 to let the gate time it. */
    final long latencyMs;

    private ProbeResult(Outcome outcome, Integer status, String detail, long latencyMs) {
        this.outcome = outcome;
        this.status = status;
        this.detail = detail;
        this.latencyMs = latencyMs;
    }

    static ProbeResult success(int status) {
        return new ProbeResult(Outcome.SUCCESS, status, null, -1);
    }

    static ProbeResult failure(Integer status, String why) {
        return new ProbeResult(Outcome.FAILURE, status, why, -1);
    }

    static ProbeResult error(String why) {
        return new ProbeResult(Outcome.ERROR, null, why, -1);
    }

    ProbeResult withLatency(long millis) {
        return new ProbeResult(outcome, status, detail, millis);
    }
}
