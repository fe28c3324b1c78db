package io.jenkins.plugins.deploygates.engine.health;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.minidev.json.JSONStyle;
import net.minidev.json.JSONValue;
import net.minidev.json.parser.JSONParser;
import net.minidev.json.parser.ParseException;

/**
 * JSON values as json-smart reads them (String, Number, Boolean, null, List, Map): the expected value of an
 * assertion, equality that compares numbers by value (1 == 1.0, never 1 == "1"), and how a value is shown.
 */
final class JsonValues {
    /** Strict JSON; decimals that a double would round are kept as BigDecimal. Nesting is limited by json-smart. */
    static final int STRICT = JSONParser.MODE_RFC4627 | JSONParser.USE_HI_PRECISION_FLOAT;

    private JsonValues() {}

    /**
     * The value written after {@code ==} or {@code !=}: a JSON literal ({@code "ok"}, {@code 3}, {@code true},
     * {@code null}, {@code [1,2]}), a single-quoted string ({@code 'ok'}), or else a bare word, taken as a string.
     *
     * @return the value, or {@link Unreadable} when it starts like a string or a structure but is not one
     */
    static Object expected(String text) {
        if (text.startsWith("'")) {
            return singleQuoted(text);
        }
        try {
            return new JSONParser(STRICT).parse(text);
        } catch (ParseException notJson) {
            boolean meantJson = text.startsWith("\"") || text.startsWith("[") || text.startsWith("{");
            return meantJson ? Unreadable.INSTANCE : text;
        }
    }

    private static Object singleQuoted(String text) {
        if (text.length() < 2 || !text.endsWith("'") || text.endsWith("\\'")) {
            return Unreadable.INSTANCE;
        }
        try {
            Object value = new JSONParser(JSONParser.MODE_PERMISSIVE).parse(text);
            return value instanceof String ? value : Unreadable.INSTANCE;
        } catch (ParseException e) {
            return Unreadable.INSTANCE;
        }
    }

    /** Marks a value that looks like a quoted string or a structure but does not parse as one. */
    enum Unreadable { INSTANCE }

    static boolean same(Object actual, Object expected) {
        if (actual instanceof Number && expected instanceof Number) {
            return sameNumber((Number) actual, (Number) expected);
        }
        if (actual instanceof Map && expected instanceof Map) {
            return sameMap((Map<?, ?>) actual, (Map<?, ?>) expected);
        }
        if (actual instanceof List && expected instanceof List) {
            return sameList((List<?>) actual, (List<?>) expected);
        }
        return Objects.equals(actual, expected);
    }

    private static boolean sameNumber(Number a, Number b) {
        BigDecimal x = decimal(a);
        BigDecimal y = decimal(b);
        return x != null && y != null ? x.compareTo(y) == 0 : a.doubleValue() == b.doubleValue();
    }

    /** The exact value, or null for infinities (a double too large for JSON's grammar to mean anything finite). */
    private static BigDecimal decimal(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return n instanceof BigDecimal ? (BigDecimal) n : new BigDecimal(n.toString());
    }

    private static boolean sameMap(Map<?, ?> a, Map<?, ?> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> same(e.getValue(), b.get(e.getKey())));
    }

    private static boolean sameList(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<?> i = a.iterator();
        Iterator<?> j = b.iterator();
        while (i.hasNext()) {
            if (!same(i.next(), j.next())) {
                return false;
            }
        }
        return true;
    }

    /** As JSON, cut at 200 characters: it goes into one console line. */
    static String show(Object value) {
        String shown = JSONValue.toJSONString(value, JSONStyle.LT_COMPRESS);
        return shown.length() > 200 ? shown.substring(0, 200) + "..." : shown;
    }

    /** What a regular expression is matched against: a string as it is, anything else as JSON. */
    static String text(Object value) {
        return value instanceof String ? (String) value : JSONValue.toJSONString(value, JSONStyle.LT_COMPRESS);
    }
}
