package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Accepted HTTP statuses written as a comma list of codes and classes: {@code 2xx,3xx}, {@code 401}, {@code 4xx}. */
public final class StatusExpectation {
    private final String text;
    private final List<String> parts;

    private StatusExpectation(String text, List<String> parts) {
        this.text = text;
        this.parts = parts;
    }

    public static StatusExpectation parse(String text) {
        List<String> parts = new ArrayList<>();
        for (String raw : (text == null ? "" : text).split(",")) {
            String part = raw.trim().toLowerCase(Locale.ROOT);
            ConfigurationException.require(part.matches("[1-5](xx|\\d\\d)"),
                    "expected status '" + text + "' is not a status list: write codes or classes like 2xx,3xx or 401.");
            parts.add(part);
        }
        return new StatusExpectation(text.trim(), List.copyOf(parts));
    }

    public boolean matches(int status) {
        String code = Integer.toString(status);
        for (String part : parts) {
            if (part.endsWith("xx") ? code.charAt(0) == part.charAt(0) : code.equals(part)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
