package io.jenkins.plugins.deploygates.engine.health;

import java.util.Optional;

/** One check on a response body; returns why it failed, or empty when it holds. */
public interface BodyAssertion {
    Optional<String> check(String body);

    /** How the user wrote it, for messages. */
    String describe();

    /** Whether the body must be JSON for this assertion. */
    default boolean needsJson() {
        return false;
    }
}
