package io.jenkins.plugins.deploygates.engine.summary;

import java.io.Serializable;

/** A label and its value: a key figure of a verdict ({@code p95} = {@code 25 ms}), or a link and its address. */
public final class Figure implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String label;
    private final String value;

    Figure(String label, String value) {
        this.label = label;
        this.value = value;
    }

    public String getLabel() {
        return label;
    }

    public String getValue() {
        return value;
    }

    @Override
    public String toString() {
        return label + " " + value;
    }
}
