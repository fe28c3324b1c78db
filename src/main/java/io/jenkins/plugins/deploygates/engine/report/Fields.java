package io.jenkins.plugins.deploygates.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tolerant reads from records other steps wrote: a field may be missing, null, of another type or spelled one of
 * several ways (the records evolve separately), and none of that may stop the report.
 */
final class Fields {
    private Fields() {}

    /** The first of these fields that holds a scalar, as text; null when none does. */
    static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node == null ? null : node.get(name);
            if (value != null && value.isValueNode() && !value.isNull()) {
                return value.asText();
            }
        }
        return null;
    }

    /** The first of these fields that holds a number (or numeric text); null when none does. */
    static Long number(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node == null ? null : node.get(name);
            if (value != null && value.isNumber()) {
                // Beyond a long, asLong() would wrap round to some other number; hold it at the end instead.
                return value.canConvertToLong() ? value.asLong()
                        : value.doubleValue() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            if (value != null && value.isTextual() && value.asText().matches("-?\\d{1,18}")) {
                return Long.parseLong(value.asText());
            }
        }
        return null;
    }

    /** True, false, or null when the field is absent or not a boolean. */
    static Boolean flag(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        return value != null && value.isBoolean() ? value.asBoolean() : null;
    }

    /** The elements of an array field, or the values of an object field (some records key lists by name). */
    static List<JsonNode> items(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        List<JsonNode> items = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(items::add);
        } else if (value != null && value.isObject()) {
            value.fields().forEachRemaining(e -> items.add(withName(e)));
        }
        return items;
    }

    private static JsonNode withName(Map.Entry<String, JsonNode> entry) {
        if (entry.getValue().isObject() && !entry.getValue().has("name")) {
            return ((com.fasterxml.jackson.databind.node.ObjectNode) entry.getValue().deepCopy()).put("name", entry.getKey());
        }
        return entry.getValue();
    }

    /** An object field, or null. */
    static JsonNode object(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        return value != null && value.isObject() ? value : null;
    }
}
