package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one named check did: its last request, the status it got, what it saw on the way (the 429 of a rate
 * limit, the hops of a click-tracked link), how long it took and why it did not pass.
 */
public final class CheckResult {
    /**
     * How a check ended. SKIPPED: an earlier check obtained nothing for it, so it could say nothing. WARNED: it
     * failed but the user made it warn-only. NOT_RUN: the run was stopped, or its timeout ran out, before it.
     */
    public enum Outcome { PASSED, FAILED, WARNED, SKIPPED, NOT_RUN }

    private final String name;
    private final Outcome outcome;
    private final String request;
    private final Integer status;
    private final long latencyMillis;
    private final String reason;
    private final String saw;

    public CheckResult(String name, Outcome outcome, String request, Integer status, long latencyMillis, String reason,
            String saw) {
        this.name = name;
        this.outcome = outcome;
        this.request = request;
        this.status = status;
        this.latencyMillis = latencyMillis;
        this.reason = reason;
        this.saw = saw;
    }

    /** A check that did not run at all, and why. */
    static CheckResult without(String name, Outcome outcome, String reason) {
        return new CheckResult(name, outcome, null, null, 0, reason, null);
    }

    /** The same result with every text passed through the redactor (secrets may be learnt after the fact). */
    CheckResult redacted(Redactor redactor) {
        return new CheckResult(name, outcome, redactor.redact(request), status, latencyMillis, redactor.redact(reason),
                redactor.redact(saw));
    }

    /** The same result, ending another way (a warn-only failure). */
    CheckResult as(Outcome other) {
        return new CheckResult(name, other, request, status, latencyMillis, reason, saw);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("outcome", outcome.name());
        map.put("passed", outcome == Outcome.PASSED || outcome == Outcome.WARNED);
        map.put("request", request);
        map.put("status", status);
        map.put("latencyMillis", latencyMillis);
        map.put("saw", saw);
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

    /** What the check saw besides its last status, or null when the status says it all. */
    public String saw() {
        return saw;
    }
}
