package io.jenkins.plugins.deploygates.engine.docker;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code dockerRebuild} / {@code dockerRollback} were asked to do. Serializable because the Jenkins step hands
 * it to the agent. Build-arg and build-secret options hold environment variable <em>names</em>: their values are
 * read from the environment and never put on a command line.
 */
public final class ComposeOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PROJECT_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    /** Compose's service names; the first character being a letter or digit, no name can pass for an option. */
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private List<String> files = List.of("docker-compose.yml");
    private String projectName;
    private List<String> services = List.of();
    private boolean noCache = true;
    private boolean pull = true;
    private Duration waitTimeout = Duration.ofMinutes(3);
    private Duration stableFor = Duration.ofSeconds(20);
    private Duration pollInterval = Duration.ofSeconds(2);
    private Duration commandTimeout = Duration.ofMinutes(30);
    private boolean removeOrphans = true;
    private boolean rollbackOnFailure = true;
    private String dockerHost;
    private String context;
    private List<String> buildArgs = List.of();
    private List<String> buildSecrets = List.of();
    private String reportDir;

    public ComposeOptions files(List<String> value) {
        this.files = value.isEmpty() ? List.of("docker-compose.yml") : List.copyOf(value);
        return this;
    }

    public ComposeOptions projectName(String value) {
        this.projectName = blankToNull(value);
        return this;
    }

    public ComposeOptions services(List<String> value) {
        this.services = List.copyOf(value);
        return this;
    }

    public ComposeOptions noCache(boolean value) {
        this.noCache = value;
        return this;
    }

    public ComposeOptions pull(boolean value) {
        this.pull = value;
        return this;
    }

    public ComposeOptions waitTimeout(Duration value) {
        this.waitTimeout = value;
        return this;
    }

    public ComposeOptions stableFor(Duration value) {
        this.stableFor = value;
        return this;
    }

    public ComposeOptions pollInterval(Duration value) {
        this.pollInterval = value;
        return this;
    }

    public ComposeOptions commandTimeout(Duration value) {
        this.commandTimeout = value;
        return this;
    }

    public ComposeOptions removeOrphans(boolean value) {
        this.removeOrphans = value;
        return this;
    }

    public ComposeOptions rollbackOnFailure(boolean value) {
        this.rollbackOnFailure = value;
        return this;
    }

    public ComposeOptions dockerHost(String value) {
        this.dockerHost = blankToNull(value);
        return this;
    }

    public ComposeOptions context(String value) {
        this.context = blankToNull(value);
        return this;
    }

    public ComposeOptions buildArgs(List<String> names) {
        this.buildArgs = List.copyOf(names);
        return this;
    }

    public ComposeOptions buildSecrets(List<String> names) {
        this.buildSecrets = List.copyOf(names);
        return this;
    }

    public ComposeOptions reportDir(String value) {
        this.reportDir = blankToNull(value);
        return this;
    }

    /** @throws ConfigurationException naming the first parameter that cannot work */
    public ComposeOptions validate() {
        files.forEach(f -> ConfigurationException.require(!f.isBlank(), "file must not be empty: name your compose file, e.g. docker-compose.yml."));
        requireProjectName(projectName);
        services.forEach(ComposeOptions::requireServiceName);
        ConfigurationException.require(dockerHost == null || context == null,
                "dockerHost and context both choose the Docker daemon: set only one of them.");
        requirePositive("waitTimeout", waitTimeout);
        requirePositive("pollInterval", pollInterval);
        requirePositive("commandTimeout", commandTimeout);
        ConfigurationException.require(!stableFor.isNegative(), "stableFor must not be negative: write it as 20s.");
        requireEnvNames("buildArgs", buildArgs);
        requireEnvNames("buildSecrets", buildSecrets);
        return this;
    }

    /** The check both {@link #validate} and the Jenkins form use; null or empty means Compose's default. */
    public static void requireProjectName(String name) {
        ConfigurationException.require(name == null || name.isBlank() || PROJECT_NAME.matcher(name.trim()).matches(),
                "projectName '" + name + "' is not a valid Compose project name: use lowercase letters, digits, '-' and '_'.");
    }

    /** One service name as Compose writes them; a form check can use it as {@link #validate} does. */
    public static void requireServiceName(String name) {
        ConfigurationException.require(SERVICE_NAME.matcher(name).matches(), "service '" + name + "' is not a Compose"
                + " service name: service names are letters, digits, '.', '_' and '-', starting with a letter or"
                + " digit.");
    }

    private static void requirePositive(String name, Duration value) {
        ConfigurationException.require(!value.isNegative() && !value.isZero(),
                name + " must be longer than zero: write it as 500ms, 2s, 5m or 1h.");
    }

    public static void requireEnvNames(String parameter, List<String> names) {
        for (String name : names) {
            ConfigurationException.require(ENV_NAME.matcher(name).matches(), parameter + " '" + name
                    + "' is not an environment variable name: list names only, the values are read from the environment.");
        }
    }

    /** Splits "a, b c" lists as users type them in Jenkins forms. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String part : text.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public List<String> files() { return files; }
    public String projectName() { return projectName; }
    public List<String> services() { return services; }
    public boolean noCache() { return noCache; }
    public boolean pull() { return pull; }
    public Duration waitTimeout() { return waitTimeout; }
    public Duration stableFor() { return stableFor; }
    public Duration pollInterval() { return pollInterval; }
    public Duration commandTimeout() { return commandTimeout; }
    public boolean removeOrphans() { return removeOrphans; }
    public boolean rollbackOnFailure() { return rollbackOnFailure; }
    public String dockerHost() { return dockerHost; }
    public String context() { return context; }
    public List<String> buildArgs() { return buildArgs; }
    public List<String> buildSecrets() { return buildSecrets; }
    public String reportDir() { return reportDir; }
}
