package io.jenkins.plugins.deploygates.engine.health;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.util.Locale;

/**
 * Reads an {@code expectJson} assertion as people write it: a JSONPath, then {@code ==}, {@code !=} or {@code =~}
 * and a value, or {@code exists}, or nothing (exists). Any spacing, or none ({@code $.status=="ok"}); the path may
 * hold spaces, quotes and operators inside its brackets ({@code $['my key']}, {@code $.items[?(@.state != 'x')]}).
 * Anything else is refused with the form to write, never read as a different check. The operator is {@code ==},
 * {@code !=}, {@code =~} or {@code exists}; the value is the text after the operator, trimmed (null for exists).
 */
record JsonAssertionSyntax(String path, String operator, String value) {
    static final String FORMS = "write it as $.status == \"ok\", $.status == 'ok', $['my key'] != 0, $.version =~ ^1\\."
            + " or $.checks.cache exists";

    static JsonAssertionSyntax parse(String text) {
        String s = text == null ? "" : text.strip();
        if (!s.startsWith("$")) {
            throw refused(text, "a JSONPath starts with $");
        }
        int end = pathEnd(text, s);
        String path = s.substring(0, end);
        String rest = s.substring(end).strip();
        if (rest.isEmpty() || rest.toLowerCase(Locale.ROOT).equals("exists")) {
            return new JsonAssertionSyntax(path, "exists", null);
        }
        for (String operator : new String[] {"==", "!=", "=~"}) {
            if (rest.startsWith(operator) && !rest.startsWith("===")) {
                String value = rest.substring(2).strip();
                if (value.isEmpty()) {
                    throw refused(text, "there is no value after " + operator);
                }
                return new JsonAssertionSyntax(path, operator, value);
            }
        }
        throw refused(text, rest.startsWith("=") ? "compare with == (not " + rest.replaceAll("[^=].*", "") + ")"
                : "'" + firstWord(rest) + "' is not an operator (==, != and =~ are)");
    }

    /**
     * Where the path ends: at the first space or operator character outside brackets, parentheses and quotes.
     * Dot-notation keys hold neither, so nothing a user means as part of the path is cut off.
     */
    private static int pathEnd(String text, String s) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (depth > 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
            } else if (depth == 0 && (Character.isWhitespace(c) || c == '=' || c == '!' || c == '<' || c == '>'
                    || c == '\'' || c == '"')) {
                return i;
            }
        }
        if (quote != 0 || depth > 0) {
            throw refused(text, quote != 0 ? "a quote in the path is not closed"
                    : "a bracket in the path is not closed");
        }
        return s.length();
    }

    private static String firstWord(String rest) {
        String[] words = rest.split("\\s+", 2);
        return words[0];
    }

    static ConfigurationException refused(String text, String why) {
        return new ConfigurationException("expectJson '" + text + "' is not an assertion (" + why + "): " + FORMS
                + ".");
    }
}
