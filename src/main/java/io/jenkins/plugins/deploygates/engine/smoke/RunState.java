package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run has learnt so far: the variables checks pass on (and why one is missing), the secrets to mask (grown
 * as tokens and cookies are extracted), when the last request was sent (emails must arrive after it), the last
 * rate-limited answer (its Retry-After is checked later) and what the mailbox showed about other runs.
 */
final class RunState {
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final Map<String, String> whyMissing = new HashMap<>();
    private Redactor redactor;
    private Instant lastRequestAt = Instant.now();
    private HttpExchange limited;
    private String mailNote;

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

    /** Says why a variable has no value, for the checks that need it (and for its {@code .N} groups). */
    void missing(String name, String why) {
        whyMissing.put(name, why);
    }

    /** The reason a check that needs this variable is skipped. */
    String whyMissing(String name) {
        String base = name.replaceFirst("\\.\\d+$", "");
        String why = whyMissing.get(base);
        return "needs {{" + name + "}}, " + (why != null ? "but " + why : "which no earlier check obtained");
    }

    void remember(String secret) {
        redactor = redactor.with(List.of(secret == null ? "" : secret));
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

    void limited(HttpExchange answer) {
        limited = answer;
    }

    /** The last answer that had the rate-limit status, or null. */
    HttpExchange limited() {
        return limited;
    }

    void mailNote(String note) {
        mailNote = note;
    }

    /** What the mailbox showed that may explain a failed sign-in (several emails to this run's address), or null. */
    String mailNote() {
        return mailNote;
    }
}
