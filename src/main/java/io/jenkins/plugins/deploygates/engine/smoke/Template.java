package io.jenkins.plugins.deploygates.engine.smoke;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{name}}} placeholders from the run's variables. {@code {{random}}} is a fresh random token
 * each time (for the "invalid token" check); it is reported to {@code onSecret} so it is redacted like a real one.
 */
public final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");
    static final String RANDOM = "random";
    private static final int MAX_DEPTH = 5;
    private static final SecureRandom RANDOMNESS = new SecureRandom();

    private Template() {}

    /** The variable names a text refers to, except {@code random}. */
    public static Set<String> referenced(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                if (!m.group(1).equals(RANDOM)) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /**
     * Values may hold placeholders themselves (a default body naming {@code {{email}}}); they are filled too.
     *
     * @throws MissingVariableException when a placeholder has no value
     */
    public static String render(String text, Map<String, String> variables, Consumer<String> onSecret) {
        return render(text, variables, onSecret, 0);
    }

    private static String render(String text, Map<String, String> variables, Consumer<String> onSecret, int depth) {
        if (text == null || depth > MAX_DEPTH) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = value(m.group(1), variables, onSecret);
            m.appendReplacement(out, Matcher.quoteReplacement(render(value, variables, onSecret, depth + 1)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(String name, Map<String, String> variables, Consumer<String> onSecret) {
        if (name.equals(RANDOM)) {
            byte[] bytes = new byte[16];
            RANDOMNESS.nextBytes(bytes);
            String token = HexFormat.of().formatHex(bytes);
            onSecret.accept(token);
            return token;
        }
        String value = variables.get(name);
        if (value == null) {
            throw new MissingVariableException(name);
        }
        return value;
    }

    /** A placeholder names a variable that no earlier check obtained and nobody gave. */
    public static final class MissingVariableException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String variable;

        MissingVariableException(String variable) {
            super("no value for {{" + variable + "}}");
            this.variable = variable;
        }

        public String variable() {
            return variable;
        }
    }
}
