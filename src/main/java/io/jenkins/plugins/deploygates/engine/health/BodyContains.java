package io.jenkins.plugins.deploygates.engine.health;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.util.Optional;

/** The body must contain this text. */
public final class BodyContains implements BodyAssertion {
    private final String expected;

    public BodyContains(String expected) {
        ConfigurationException.require(expected != null && !expected.isEmpty(),
                "expectBody is empty: give the text the body must contain, or leave expectBody out.");
        this.expected = expected;
    }

    @Override
    public Optional<String> check(String body) {
        return body.contains(expected) ? Optional.empty() : Optional.of("body does not contain '" + expected + "'");
    }

    @Override
    public String describe() {
        return "body contains '" + expected + "'";
    }
}
