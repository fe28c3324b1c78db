package io.jenkins.plugins.deploygates.engine.railway;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Railway's {@code Deployment.diagnosis}, a JSON scalar whose shape the schema does not fix: a text is shown as is,
 * an object by its first field that reads like an explanation, anything else as compact JSON; at most 500
 * characters, since it goes into a one-sentence failure.
 */
final class Diagnosis {
    private static final String[] FIELDS = {"summary", "message", "reason", "explanation", "title", "description"};
    private static final int MAX = 500;

    private Diagnosis() {}

    static String text(JsonNode diagnosis) {
        if (diagnosis == null || diagnosis.isNull() || diagnosis.isMissingNode()) {
            return "";
        }
        String text = diagnosis.isTextual() ? diagnosis.asText() : null;
        for (int i = 0; text == null && i < FIELDS.length; i++) {
            JsonNode f = diagnosis.path(FIELDS[i]);
            text = f.isTextual() && !f.asText().isBlank() ? f.asText() : null;
        }
        String shown = (text != null ? text : diagnosis.toString()).strip().replaceAll("\\s+", " ");
        return shown.length() > MAX ? shown.substring(0, MAX) + "…" : shown;
    }
}
