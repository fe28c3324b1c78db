package io.jenkins.plugins.deploygates.engine.docker;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.io.IOException;
import java.util.List;

/**
 * Which Compose runs the project: the v2 plugin ({@code docker compose}) or, when that is absent, the v1
 * {@code docker-compose} binary. Only v2 from 2.17.0 has {@code up --wait --wait-timeout}; with anything older the
 * engine starts detached and polls {@code ps} itself, because {@code --wait} without a timeout can hang forever on
 * a service that died at once (docker/compose#10269).
 */
record ComposeFlavour(List<String> prefix, String version, boolean v2) {

    static ComposeFlavour detect(DockerCommands commands) throws IOException, InterruptedException {
        ProcessResult v2 = commands.attempt(commands.docker("compose", "version", "--short"), commands.quick(), false);
        if (v2.succeeded()) {
            return new ComposeFlavour(List.of("docker", "compose"), clean(v2.stdout()), true);
        }
        try {
            ProcessResult v1 = commands.attempt(List.of("docker-compose", "version", "--short"), commands.quick(), false);
            if (v1.succeeded()) {
                return new ComposeFlavour(List.of("docker-compose"), clean(v1.stdout()), false);
            }
        } catch (MissingExecutableException e) {
            // Reported below together with the missing v2 plugin.
        }
        throw new ConfigurationException("Docker Compose is not installed ('docker compose' said: "
                + v2.errorLine() + ", and there is no docker-compose): install the Docker Compose plugin.");
    }

    private static String clean(String version) {
        String v = version.trim();
        return v.startsWith("v") ? v.substring(1) : v;
    }

    boolean supportsWait() {
        return v2 && atLeast(2, 17);
    }

    private boolean atLeast(int major, int minor) {
        String[] parts = version.split("[.\\-+]");
        try {
            int ma = Integer.parseInt(parts[0]);
            int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return ma > major || (ma == major && mi >= minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    String describe() {
        return "Docker Compose " + (v2 ? "v2" : "v1") + " " + version + " (" + String.join(" ", prefix) + ")";
    }
}
