package io.jenkins.plugins.deploygates.engine.smoke;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
            throw new ConfigurationException(source + " is not a valid flow (" + e.getOriginalMessage().split("\n")[0]
                    + "): compare it with the built-in magic-link flow.");
        } catch (IOException e) {
            throw new ConfigurationException(source + " is not valid JSON: fix it or use a built-in flow.");
        }
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
