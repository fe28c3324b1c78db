package io.jenkins.plugins.deploygates.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The project as Compose resolved it: its name (from {@code -p}, {@code COMPOSE_PROJECT_NAME}, the file's
 * {@code name:} or the folder), its services in file order, and its one-shot services: those another service
 * waits for with {@code depends_on: condition: service_completed_successfully}, which must exit 0, not keep
 * running.
 */
record ComposeProject(String name, List<String> services, Set<String> oneShots) {
    private static final String COMPLETED = "service_completed_successfully";

    /** From {@code docker compose config --format json} (Compose v2). */
    static ComposeProject fromConfigJson(String json) throws IOException {
        JsonNode config = Json.MAPPER.readTree(json);
        List<String> services = new ArrayList<>();
        Set<String> oneShots = new LinkedHashSet<>();
        config.path("services").fields().forEachRemaining(service -> {
            services.add(service.getKey());
            JsonNode dependsOn = service.getValue().path("depends_on");
            dependsOn.fields().forEachRemaining(dependency -> {
                if (COMPLETED.equals(dependency.getValue().path("condition").asText())) {
                    oneShots.add(dependency.getKey());
                }
            });
        });
        return new ComposeProject(config.path("name").asText(""), services, oneShots);
    }

    /**
     * Compose v1 has no JSON config: its services come from {@code config --services} and its name is worked out
     * as v1 does it. It cannot say which services are one-shot, so on v1 every service must keep running.
     */
    static ComposeProject forV1(List<String> services, String projectName, Path directory, List<String> files,
            Map<String, String> environment) {
        String name = projectName != null ? projectName : environment.get("COMPOSE_PROJECT_NAME");
        if (name == null || name.isBlank()) {
            Path first = directory.resolve(files.get(0)).toAbsolutePath().normalize().getParent();
            name = first.getFileName() == null ? "" : first.getFileName().toString();
        }
        return new ComposeProject(name.toLowerCase(Locale.ROOT).replaceAll("[^-_a-z0-9]", ""), services, Set.of());
    }

    boolean isOneShot(String service) {
        return oneShots.contains(service);
    }
}
