package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run has learnt so far: the variables checks pass on, the secrets to mask (grown as tokens and
 * cookies are extracted), and when the last request was sent (emails must arrive after it).
 */
final class RunState {
    private final Map<String, String> variables = new LinkedHashMap<>();
    private Redactor redactor;
    private Instant lastRequestAt = Instant.now();

    RunState(Map<String, String> variables, Redactor redactor) {
        this.variables.putAll(variables);
        this.redactor = redactor;
    }

    Map<String, String> variables() {
        return variables;
    }

    boolean has(String name) {
        return variables.containsKey(name);
    }

    void put(Map<String, String> found, boolean secret) {
        variables.putAll(found);
        if (secret) {
            found.forEach((name, value) -> remember(value));
        }
    }

    void remember(String secret) {
        redactor = redactor.with(List.of(secret));
    }

    Redactor redactor() {
        return redactor;
    }

    String redact(String text) {
        return redactor.redact(text);
    }

    void requestSent(Instant at) {
        lastRequestAt = at;
    }

    Instant lastRequestAt() {
        return lastRequestAt;
    }
}
