package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.railway.upload.ArchiveOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code railwayUp} / {@code railway-up} was asked to do. The static checks are the ones the Snippet
 * Generator's form validation runs too.
 */
public record RailwayUpConfig(Path path, String project, String environment, String service, String message,
        List<String> requiredVariables, FollowOptions follow, boolean detach, PostDeployChecks checks,
        Path projectDir, ArchiveOptions archive) {
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    public RailwayUpConfig {
        checkService(service);
        requiredVariables = List.copyOf(requiredVariables == null ? List.of() : requiredVariables);
        requiredVariables.forEach(RailwayUpConfig::checkVariableName);
        checks = checks == null ? PostDeployChecks.none() : checks;
        projectDir = projectDir == null ? path : projectDir;
        archive = archive == null ? ArchiveOptions.defaults() : archive;
    }

    /** {@code path} as its own project directory: the archive's names start at it. */
    public RailwayUpConfig(Path path, String project, String environment, String service, String message,
            List<String> requiredVariables, FollowOptions follow, boolean detach, PostDeployChecks checks) {
        this(path, project, environment, service, message, requiredVariables, follow, detach, checks, path, null);
    }

    public static void checkService(String service) {
        ConfigurationException.require(service != null && !service.isBlank(),
                "service is required: give the Railway service name or id.");
    }

    public static void checkVariableName(String name) {
        ConfigurationException.require(name != null && VARIABLE_NAME.matcher(name.trim()).matches(),
                "requiredVariables entry '" + name + "' is not a variable name: write names like DATABASE_URL.");
    }

    /** Splits {@code "DATABASE_URL, REDIS_URL"} (the form and the command line) into names. */
    public static List<String> parseVariableNames(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> names = List.of(text.trim().split("[\\s,]+"));
        names.forEach(RailwayUpConfig::checkVariableName);
        return names;
    }
}
