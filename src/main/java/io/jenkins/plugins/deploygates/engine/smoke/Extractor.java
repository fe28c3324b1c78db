package io.jenkins.plugins.deploygates.engine.smoke;

import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Applies a flow's extractions to a response or an email; returns the variables found, or says what is missing. */
final class Extractor {
    private static final List<String> SESSION_FIELDS = List.of("sessionToken", "token", "access_token");

    private Extractor() {}

    /** The variables one extraction yields from a response. */
    static Map<String, String> fromResponse(Extraction x, HttpExchange exchange) {
        switch (x.from) {
            case "json": return one(x.var, json(exchange.body, x.path), "no JSON value at " + x.path);
            case "regex": return regex(x, exchange.body, "body");
            case "header": return one(x.var, exchange.header(x.name), "no " + x.name + " header");
            case "cookie": return one(x.var, cookie(exchange, x.name), "no Set-Cookie named " + x.name);
            case "session": return session(x.var, exchange);
            default: throw new ExtractionFailed("extraction '" + x.var + "' has unknown source '" + x.from + "'");
        }
    }

    /** The variables a {@code regex} extraction yields from an email's text (HTML links write & as &amp;). */
    static Map<String, String> fromEmail(Extraction x, String text) {
        return regex(x, text.replace("&amp;", "&"), "email");
    }

    /** The variables a {@code regex} extraction yields from some other text, named {@code where} in a failure. */
    static Map<String, String> fromText(Extraction x, String text, String where) {
        return regex(x, text, where);
    }

    private static Map<String, String> one(String var, String value, String missing) {
        if (value == null || value.isEmpty()) {
            throw new ExtractionFailed(missing);
        }
        return Map.of(var, value);
    }

    private static String json(String body, String path) {
        try {
            Object value = JsonPath.read(body, path);
            return value == null ? null : String.valueOf(value);
        } catch (PathNotFoundException | IllegalArgumentException | com.jayway.jsonpath.InvalidJsonException e) {
            return null;
        }
    }

    /** Group {@code group} goes to {@code var}; every group also goes to {@code var.N} (for prefix/suffix use). */
    private static Map<String, String> regex(Extraction x, String text, String where) {
        Matcher m = Pattern.compile(x.pattern).matcher(text == null ? "" : text);
        if (!m.find()) {
            throw new ExtractionFailed("the " + where + " has nothing matching the " + x.var + " pattern");
        }
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(x.var, m.group(x.group));
        for (int g = 1; g <= m.groupCount(); g++) {
            vars.put(x.var + "." + g, m.group(g) == null ? "" : m.group(g));
        }
        return vars;
    }

    private static String cookie(HttpExchange exchange, String name) {
        for (String setCookie : exchange.headers("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0].trim();
            int eq = pair.indexOf('=');
            if (eq > 0 && (name == null || pair.substring(0, eq).equals(name)) && eq < pair.length() - 1) {
                return pair;
            }
        }
        return null;
    }

    /** A session as the next request must send it: {@code <var>Header} and {@code <var>Value}. */
    private static Map<String, String> session(String var, HttpExchange exchange) {
        String cookie = cookie(exchange, null);
        if (cookie != null) {
            return Map.of(var + "Header", "Cookie", var + "Value", cookie, var + "Token", cookie.split("=", 2)[1]);
        }
        for (String field : SESSION_FIELDS) {
            String token = json(exchange.body, "$." + field);
            if (token != null && !token.isEmpty()) {
                return Map.of(var + "Header", "Authorization", var + "Value", "Bearer " + token, var + "Token", token);
            }
        }
        throw new ExtractionFailed("no session: no Set-Cookie and no sessionToken, token or access_token field");
    }

    /** An extraction found nothing; the message says what was looked for, never what was there. */
    static final class ExtractionFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ExtractionFailed(String message) {
            super(message);
        }
    }
}
