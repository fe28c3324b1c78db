package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one named check did: its last request, the status it got, how long it took and why it failed. */
public final class CheckResult {
    /** How a check ended; a skipped check could not run because an earlier one obtained nothing for it. */
    public enum Outcome { PASSED, FAILED, SKIPPED }

    private final String name;
    private final Outcome outcome;
    private final String request;
    private final Integer status;
    private final long latencyMillis;
    private final String reason;

    public CheckResult(String name, Outcome outcome, String request, Integer status, long latencyMillis, String reason) {
        this.name = name;
        this.outcome = outcome;
        this.request = request;
        this.status = status;
        this.latencyMillis = latencyMillis;
        this.reason = reason;
    }

    /** The same result with every text passed through the redactor (secrets may be learnt after the fact). */
    CheckResult redacted(Redactor redactor) {
        return new CheckResult(name, outcome, redactor.redact(request), status, latencyMillis, redactor.redact(reason));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("outcome", outcome.name());
        map.put("passed", outcome == Outcome.PASSED);
        map.put("request", request);
        map.put("status", status);
        map.put("latencyMillis", latencyMillis);
        map.put("reason", reason);
        return map;
    }

    public String name() {
        return name;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String request() {
        return request;
    }

    public Integer status() {
        return status;
    }

    public long latencyMillis() {
        return latencyMillis;
    }

    public String reason() {
        return reason;
    }
}
