package io.jenkins.plugins.deploygates.engine.smoke;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A login flow: default variables (every path, method and expected status, so each can be overridden) and the
 * named checks. Two ship with the plugin: {@code magic-link} and {@code password}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class FlowDefinition {
    public static final String MAGIC_LINK = "magic-link";
    public static final String PASSWORD = "password";
    private static final ObjectMapper READER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public String name;
    /** Whether the flow reads an email, so a mailbox is required. */
    public boolean needsMailbox;
    public Map<String, String> defaults = new LinkedHashMap<>();
    public List<CheckDefinition> checks = new ArrayList<>();

    /** One of the flows shipped in this package's resources, by name. */
    public static FlowDefinition builtIn(String name) {
        try (InputStream in = FlowDefinition.class.getResourceAsStream(name + "-flow.json")) {
            ConfigurationException.require(in != null,
                    "flow '" + name + "' is not a built-in flow: use magic-link, password or a flow file.");
            return READER.readValue(in, FlowDefinition.class);
        } catch (IOException e) {
            throw new IllegalStateException("built-in flow " + name + " is unreadable", e);
        }
    }

    /** A flow file written by the user (JSON, same shape as the built-in ones). */
    public static FlowDefinition read(Path file) {
        ConfigurationException.require(Files.isRegularFile(file),
                "flow file '" + file + "' does not exist: give the path of a JSON flow file.");
        try {
            return parse(Files.readString(file), "flow file '" + file + "'");
        } catch (IOException e) {
            throw new ConfigurationException("flow file '" + file + "' cannot be read: check its permissions.");
        }
    }

    /** @param source how to name the text in an error, for example {@code flowJson} */
    public static FlowDefinition parse(String json, String source) {
        try {
            FlowDefinition flow = READER.readValue(json, FlowDefinition.class);
            ConfigurationException.require(flow.name != null && !flow.checks.isEmpty(),
                    source + " has no name or no checks: give both, as the built-in magic-link flow does.");
            return flow;
        } catch (JsonMappingException e) {
            throw new ConfigurationException(source + " is not a valid flow (" + problem(e)
                    + "): compare it with the built-in magic-link flow.");
        } catch (IOException e) {
            throw new ConfigurationException(source + " is not valid JSON: fix it or use a built-in flow.");
        }
    }

    /** A flow's shape mistake in the words of the flow file, never Jackson's (which names our Java classes). */
    private static String problem(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (e instanceof UnrecognizedPropertyException unknown) {
            String container = path(path.subList(0, Math.max(0, path.size() - 1)));
            return "unknown field '" + unknown.getPropertyName() + "'" + (container.isEmpty() ? "" : " in " + container)
                    + "; the fields there are " + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                            .collect(Collectors.joining(", "));
        }
        String at = path(path);
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return (at.isEmpty() ? "the flow" : "'" + at + "'") + " must be " + kind(mismatch.getTargetType());
        }
        return at.isEmpty() ? "its shape is not a flow's" : "'" + at + "' does not fit a flow";
    }

    /** {@code checks[0].steps}, as the user would point at it in the file. */
    private static String path(List<JsonMappingException.Reference> refs) {
        return refs.stream().map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    private static String kind(Class<?> type) {
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "an object";
    }

    /** A built-in name or a file path. */
    public static FlowDefinition named(String nameOrFile) {
        if (nameOrFile == null || nameOrFile.isBlank()) {
            return builtIn(MAGIC_LINK);
        }
        if (nameOrFile.equals(MAGIC_LINK) || nameOrFile.equals(PASSWORD)) {
            return builtIn(nameOrFile);
        }
        return read(Path.of(nameOrFile));
    }
}
