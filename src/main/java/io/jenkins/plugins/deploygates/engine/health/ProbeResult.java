package io.jenkins.plugins.deploygates.engine.health;

/** What a probe found; the gate adds the time and phase to make a {@link Sample}. */
final class ProbeResult {
    final Outcome outcome;
    final Integer status;
    final String detail;
    /** Latency measured by the probe itself (a WebSocket's hold time is not latency), or -1 to let the gate time it. */
    final long latencyMs;
    /** Something the console should say once per gate whatever the outcome (a redirect followed without headers). */
    final String note;
    /** The probe ran out of its attempt timeout. */
    final boolean timedOut;

    private ProbeResult(Outcome outcome, Integer status, String detail, long latencyMs, String note, boolean timedOut) {
        this.outcome = outcome;
        this.status = status;
        this.detail = detail;
        this.latencyMs = latencyMs;
        this.note = note;
        this.timedOut = timedOut;
    }

    static ProbeResult success(int status) {
        return new ProbeResult(Outcome.SUCCESS, status, null, -1, null, false);
    }

    static ProbeResult failure(Integer status, String why) {
        return new ProbeResult(Outcome.FAILURE, status, why, -1, null, false);
    }

    static ProbeResult error(String why) {
        return new ProbeResult(Outcome.ERROR, null, why, -1, null, false);
    }

    static ProbeResult timedOut(String why) {
        return new ProbeResult(Outcome.ERROR, null, why, -1, null, true);
    }

    ProbeResult withLatency(long millis) {
        return new ProbeResult(outcome, status, detail, millis, note, timedOut);
    }

    ProbeResult withDetail(String text) {
        return new ProbeResult(outcome, status, text, latencyMs, note, timedOut);
    }

    ProbeResult withNote(String text) {
        return text == null ? this : new ProbeResult(outcome, status, detail, latencyMs, text, timedOut);
    }
}
