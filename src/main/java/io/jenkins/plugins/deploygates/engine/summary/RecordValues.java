package io.jenkins.plugins.deploygates.engine.summary;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Lenient reads from records written by other steps and by the shared library: a value may be missing, null or
 * of another type, and that leaves a figure out, never the summary.
 */
final class RecordValues {
    private RecordValues() {}

    /** A scalar as text, or null. */
    static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    /** A whole number (also written as text), or null. */
    static Long number(JsonNode node, String name) {
        JsonNode value = node.path(name);
        if (value.isIntegralNumber() || value.isTextual() && value.asText().matches("-?\\d{1,18}")) {
            return value.asLong();
        }
        return null;
    }

    /** True only for a JSON true. */
    static boolean isTrue(JsonNode node, String name) {
        return node.path(name).asBoolean(false) && node.path(name).isBoolean();
    }

    /** The objects of an array, or of an object keyed by name (the smoke step keys its checks by name). */
    static List<JsonNode> objects(JsonNode node, String name) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode value = node.path(name);
        if (value.isArray() || value.isObject()) {
            value.forEach(v -> {
                if (v.isObject()) {
                    out.add(v);
                }
            });
        }
        return out;
    }

    /** The texts of an array of scalars. */
    static List<String> texts(JsonNode node, String name) {
        List<String> out = new ArrayList<>();
        node.path(name).forEach(v -> {
            if (v.isValueNode() && !v.isNull()) {
                out.add(v.asText());
            }
        });
        return out;
    }
}
