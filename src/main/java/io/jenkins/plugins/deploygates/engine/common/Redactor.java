package io.jenkins.plugins.deploygates.engine.common;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it reaches a log, a report or a record. Two kinds of secret: values known
 * in advance (tokens, passwords; replaced wherever they appear, also in their base64 and URL-encoded forms) and
 * secrets recognised by shape (the values of sensitive headers, URL query parameters and JSON fields named like
 * credentials). Immutable; {@link #with} returns a copy that knows every value this one knows, and more.
 */
public final class Redactor {
    public static final String MASK = "****";

    /**
     * Header and JSON field names whose values are secret: any name holding one of these words ({@code apikey},
     * {@code X-Api-Token}, {@code Private-Token}, {@code Proxy-Authorization}, {@code sessionId}), or the word "auth"
     * ({@code X-Auth}), or ending in "key" ({@code X-Functions-Key}, {@code Ocp-Apim-Subscription-Key}).
     */
    private static final List<String> SECRET_NAME_WORDS = List.of("token", "secret", "passw", "pwd", "credential",
            "cookie", "session", "signature", "private", "authorization", "authorisation", "apikey", "api-key",
            "api_key");

    /** Parameter names that hold secrets in query strings and key=value text. */
    private static final String SECRET_PARAMS =
            "(?:access_token|refresh_token|id_token|token|sessiontoken|session_token|session|password|passwd|secret|"
                    + "client_secret|api_key|apikey|code|otp|signature|sig|key|auth)";

    private static final Pattern QUERY_SECRET = Pattern.compile(
            "((?<![A-Za-z0-9_-])" + SECRET_PARAMS + "=)([^&#\\s\"'<>]+)", Pattern.CASE_INSENSITIVE);
    /**
     * A JSON string field and a {@code Name: value} line, whatever the name: the name is checked by
     * {@link #isSecretHeader}, outside the regex, so that a long run of name characters costs linear time.
     */
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(\"([A-Za-z0-9_-]++)\"\\s*+:\\s*+\")((?:[^\"\\\\]++|\\\\.)*+)(\")");
    private static final Pattern HEADER_LINE = Pattern.compile("(?m)^([ \\t]*+([A-Za-z0-9_-]++)[ \\t]*+:[ \\t]*+)(.+)$");
    private static final Pattern BEARER = Pattern.compile("(?i)(Bearer\\s+)([A-Za-z0-9._~+/=-]+)");
    private static final Pattern SCHEME_WORD = Pattern.compile("(?i)^(Bearer|Basic|Token)\\s+");
    private static final Pattern BASIC = Pattern.compile("(?i)^Basic\\s+([A-Za-z0-9+/=]+)$");
    /** A scheme only starts a word, and nothing backtracks: a long run of letters costs linear time. */
    private static final Pattern URL_USERINFO = Pattern.compile(
            "(?i)((?<![a-z0-9+.-])[a-z][a-z0-9+.-]*+://[^/\\s:@]++:)([^@\\s/]++)(@)");

    private final List<String> knownValues;

    private Redactor(List<String> knownValues) {
        this.knownValues = knownValues;
    }

    /** Recognises secrets by shape only. */
    public static Redactor byShape() {
        return new Redactor(List.of());
    }

    /**
     * A copy that also masks each of these values wherever it appears, clear, base64- or URL-encoded (values
     * shorter than 4 chars are ignored). Every value this redactor already knows is kept.
     */
    public Redactor with(Collection<String> secrets) {
        List<String> values = new ArrayList<>(knownValues);
        for (String s : secrets) {
            if (s != null && s.length() >= 4) {
                for (String form : EncodedForms.of(s)) {
                    if (!values.contains(form)) {
                        values.add(form);
                    }
                }
            }
        }
        // Longest first, so a secret that contains another is masked whole.
        values.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(values));
    }

    public Redactor with(String... secrets) {
        return with(List.of(secrets));
    }

    /**
     * A copy that also masks the values of the secret headers among these ({@link #isSecretHeader}), wherever they
     * appear (a server may echo them in a body); see {@link #withHeaderValues}.
     */
    public Redactor withHeaderSecrets(Map<String, String> headers) {
        List<String> values = new ArrayList<>();
        headers.forEach((name, value) -> {
            if (isSecretHeader(name) && value != null) {
                values.add(value);
            }
        });
        return withHeaderValues(values);
    }

    /**
     * A copy that also masks these header values whatever their header's name (values that came from credentials),
     * with and without their scheme word ({@code Bearer}, {@code Basic}, {@code Token}); a Basic value also in its
     * decoded {@code user:password} form and its password alone.
     */
    public Redactor withHeaderValues(Collection<String> headerValues) {
        List<String> values = new ArrayList<>();
        for (String value : headerValues) {
            values.add(value);
            values.add(SCHEME_WORD.matcher(value).replaceFirst(""));
            values.addAll(basicCredentials(value));
        }
        return with(values);
    }

    private static List<String> basicCredentials(String value) {
        Matcher m = BASIC.matcher(value.strip());
        if (!m.matches()) {
            return List.of();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? List.of(decoded) : List.of(decoded, decoded.substring(colon + 1));
        } catch (IllegalArgumentException notBase64) {
            return List.of();
        }
    }

    /**
     * A copy that also masks the values of this URL's query parameters that are named like secrets
     * ({@code ?token=...}), wherever they appear: by shape they are only masked right after their name.
     */
    public Redactor withQuerySecrets(String url) {
        int q = url == null ? -1 : url.indexOf('?');
        List<String> values = new ArrayList<>();
        if (q >= 0) {
            Matcher m = QUERY_SECRET.matcher(url.substring(q));
            while (m.find()) {
                values.add(m.group(2));
                values.add(URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
            }
        }
        return with(values);
    }

    /**
     * A header line as it may be quoted back in an error: its first word (the name, as far as one can tell) and a
     * mask for the rest, since a line that is not {@code Name: value} cannot say which part is the value.
     */
    public static String headerLine(String line) {
        String text = line == null ? "" : line.strip();
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != ':') {
            end++;
        }
        return end == text.length() ? text : text.substring(0, end) + (text.charAt(end) == ':' ? ": " : " ") + MASK;
    }

    /** Whether a header (or JSON field) of this name must never be shown. */
    public static boolean isSecretHeader(String name) {
        if (name == null) {
            return false;
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith("key") || SECRET_NAME_WORDS.stream().anyMatch(n::contains) || holdsAuth(n);
    }

    /** "auth" as a word of its own ({@code X-Auth}, {@code auth_key}), not inside one (author, smokeAuthFlow). */
    private static boolean holdsAuth(String name) {
        for (String word : name.split("[-_.]")) {
            if (word.equals("auth")) {
                return true;
            }
        }
        return false;
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String value : knownValues) {
            out = out.replace(value, MASK);
        }
        out = replaceNamed(HEADER_LINE, out);
        out = replace(BEARER, out);
        out = replace(URL_USERINFO, out);
        out = replace(QUERY_SECRET, out);
        out = replaceNamed(JSON_FIELD, out);
        return out;
    }

    /**
     * The same user-facing failure with its message redacted, for engines whose messages quote a tool's or a
     * server's own words; anything else is returned as it is.
     */
    public RuntimeException redact(RuntimeException failure) {
        if (failure instanceof ConfigurationException) {
            return new ConfigurationException(redact(failure.getMessage()));
        }
        if (failure instanceof GateFailedException) {
            return new GateFailedException(redact(failure.getMessage()));
        }
        return failure;
    }

    /** Masks group 3 of each match whose group 2 is a secret name; groups 1 and 4 (if any) are kept. */
    private static String replaceNamed(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        StringBuilder sb = new StringBuilder();
        boolean changed = false;
        while (m.find()) {
            if (isSecretHeader(m.group(2))) {
                String tail = m.groupCount() >= 4 ? m.group(4) : "";
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + MASK + tail));
                changed = true;
            }
        }
        if (!changed) {
            return text;
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String replace(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        do {
            String tail = m.groupCount() >= 3 ? m.group(3) : "";
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + MASK + tail));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}
