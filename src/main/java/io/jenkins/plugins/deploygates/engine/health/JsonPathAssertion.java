package io.jenkins.plugins.deploygates.engine.health;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JsonSmartJsonProvider;
import com.jayway.jsonpath.spi.mapper.JsonSmartMappingProvider;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A JSONPath check on a JSON body, written as the user would say it:
 * {@code $.status == "ok"}, {@code $.checks.database != 'down'}, {@code $.version =~ ^1\.}, or
 * {@code $.checks.cache exists} (a bare path means "exists"); see {@link JsonAssertionSyntax} for every form.
 *
 * <p>It reads JSON with json-path's own json-smart provider, not Jackson: in Jenkins, json-path lives in a plugin
 * class loader that cannot see Jackson, so a Jackson provider fails there with NoClassDefFoundError.
 */
public final class JsonPathAssertion implements BodyAssertion {
    private static final Configuration JSON_SMART = Configuration.builder()
            .jsonProvider(new JsonSmartJsonProvider(JsonValues.STRICT)).mappingProvider(new JsonSmartMappingProvider())
            .build();

    private final String text;
    private final JsonPath path;
    private final String operator;
    private final Object expected;
    private final Pattern regex;

    private JsonPathAssertion(String text, JsonPath path, String operator, Object expected, Pattern regex) {
        this.text = text;
        this.path = path;
        this.operator = operator;
        this.expected = expected;
        this.regex = regex;
    }

    /** @throws ConfigurationException naming {@code expectJson} when the expression cannot be read */
    public static JsonPathAssertion parse(String text) {
        JsonAssertionSyntax syntax = JsonAssertionSyntax.parse(text);
        JsonPath path = compile(text, syntax.path());
        if ("=~".equals(syntax.operator())) {
            return new JsonPathAssertion(text, path, syntax.operator(), null, regex(text, unquote(syntax.value())));
        }
        Object expected = syntax.value() == null ? null : JsonValues.expected(syntax.value());
        if (expected == JsonValues.Unreadable.INSTANCE) {
            throw JsonAssertionSyntax.refused(text, "the value " + syntax.value() + " is not one JSON value;"
                    + " quote a string whole, and compare one path per assertion");
        }
        return new JsonPathAssertion(text, path, syntax.operator(), expected, null);
    }

    private static JsonPath compile(String text, String path) {
        try {
            return JsonPath.compile(path);
        } catch (InvalidPathException e) {
            throw new ConfigurationException("expectJson '" + text + "' has a malformed JSONPath (" + e.getMessage()
                    + "): write paths as $.checks.database or $['my key'].");
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

    /** A regular expression may be written bare, or inside "...", '...' or /.../ (backslashes stay as written). */
    private static String unquote(String value) {
        boolean quoted = value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'") || value.startsWith("/") && value.endsWith("/"));
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    @Override
    public Optional<String> check(String body) {
        Object actual;
        try {
            actual = JsonPath.using(JSON_SMART).parse(body).read(path);
        } catch (PathNotFoundException e) {
            return "!=".equals(operator) ? Optional.empty() : Optional.of(path.getPath() + " is missing");
        } catch (RuntimeException e) {
            return Optional.of("body is not valid JSON");
        }
        if (!path.isDefinite() && actual instanceof List && ((List<?>) actual).isEmpty() && "exists".equals(operator)) {
            return Optional.of(path.getPath() + " matches nothing");
        }
        return compare(actual);
    }

    private Optional<String> compare(Object actual) {
        switch (operator) {
            case "exists":
                return Optional.empty();
            case "==":
                return JsonValues.same(actual, expected) ? Optional.empty()
                        : Optional.of(mismatch(actual, "expected " + JsonValues.show(expected)));
            case "!=":
                return JsonValues.same(actual, expected) ? Optional.of(mismatch(actual, "expected anything else"))
                        : Optional.empty();
            default:
                return regex.matcher(JsonValues.text(actual)).find() ? Optional.empty()
                        : Optional.of(mismatch(actual, "expected to match " + regex));
        }
    }

    private String mismatch(Object actual, String expectation) {
        return path.getPath() + " is " + JsonValues.show(actual) + ", " + expectation;
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
