package io.jenkins.plugins.deploygates.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A JSONPath check on a JSON body, written as the user would say it:
 * {@code $.status == "ok"}, {@code $.checks.database != "down"}, {@code $.version =~ ^1\.}, or
 * {@code $.checks.cache exists} (a bare path means "exists"). Values are JSON literals; a bare word is a string.
 */
public final class JsonPathAssertion implements BodyAssertion {
    private static final Pattern FORM = Pattern.compile("^\\s*(\\$\\S*)\\s*(?:(==|!=|=~)\\s*(.+?)|(exists))?\\s*$");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Configuration JACKSON = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider()).mappingProvider(new JacksonMappingProvider()).build();

    private final String text;
    private final JsonPath path;
    private final String operator;
    private final JsonNode expected;
    private final Pattern regex;

    private JsonPathAssertion(String text, JsonPath path, String operator, JsonNode expected, Pattern regex) {
        this.text = text;
        this.path = path;
        this.operator = operator;
        this.expected = expected;
        this.regex = regex;
    }

    /** @throws ConfigurationException naming {@code expectJson} when the expression cannot be read */
    public static JsonPathAssertion parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new ConfigurationException("expectJson '" + text
                    + "' is not an assertion: write it as $.status == \"ok\", $.path exists or $.version =~ ^1\\.");
        }
        JsonPath path = compile(text, m.group(1));
        String operator = m.group(2) == null ? "exists" : m.group(2);
        String value = m.group(3);
        if ("=~".equals(operator)) {
            return new JsonPathAssertion(text, path, operator, null, regex(text, unquote(value)));
        }
        return new JsonPathAssertion(text, path, operator, value == null ? null : literal(value), null);
    }

    private static JsonPath compile(String text, String path) {
        try {
            return JsonPath.compile(path);
        } catch (InvalidPathException e) {
            throw new ConfigurationException("expectJson '" + text + "' has a malformed JSONPath (" + e.getMessage()
                    + "): write paths as $.checks.database or $['key'].");
        }
    }

    private static Pattern regex(String text, String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new ConfigurationException("expectJson '" + text + "' has an invalid regular expression: "
                    + e.getDescription() + ".");
        }
    }

    private static JsonNode literal(String value) {
        try {
            return MAPPER.readTree(value);
        } catch (Exception notJson) {
            return MAPPER.getNodeFactory().textNode(value);
        }
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("/") && value.endsWith("/"));
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    @Override
    public Optional<String> check(String body) {
        JsonNode actual;
        try {
            actual = JsonPath.using(JACKSON).parse(body).read(path);
        } catch (PathNotFoundException e) {
            return "!=".equals(operator) ? Optional.empty() : Optional.of(path.getPath() + " is missing");
        } catch (RuntimeException e) {
            return Optional.of("body is not valid JSON");
        }
        return compare(actual);
    }

    private Optional<String> compare(JsonNode actual) {
        switch (operator) {
            case "exists":
                return Optional.empty();
            case "==":
                return sameValue(actual) ? Optional.empty() : Optional.of(mismatch(actual, "expected " + expected));
            case "!=":
                return sameValue(actual) ? Optional.of(mismatch(actual, "expected anything else")) : Optional.empty();
            default:
                String s = actual.isTextual() ? actual.textValue() : actual.toString();
                return regex.matcher(s).find() ? Optional.empty() : Optional.of(mismatch(actual, "expected to match " + regex));
        }
    }

    private boolean sameValue(JsonNode actual) {
        if (actual.isNumber() && expected.isNumber()) {
            return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
        }
        return actual.equals(expected);
    }

    private String mismatch(JsonNode actual, String expectation) {
        String shown = actual.toString();
        return path.getPath() + " is " + (shown.length() > 200 ? shown.substring(0, 200) + "..." : shown) + ", "
                + expectation;
    }

    @Override
    public boolean needsJson() {
        return true;
    }

    @Override
    public String describe() {
        return text.trim();
    }
}
