package io.jenkins.plugins.deploygates.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads the project's containers: {@code compose ps} names them, {@code docker inspect} says what they run. Compose
 * v2 prints {@code ps --format json} as one object per line since 2.21 and as one array before; both are read.
 * Compose v1 has no {@code --format}, so its {@code ps -q} ids are inspected the same way.
 */
final class ContainerReader {
    private static final String SERVICE_LABEL = "com.docker.compose.service";
    private static final String PROJECT_LABEL = "com.docker.compose.project";
    /** Containers of {@code docker compose run}: {@code ps --all} lists them, but they are not the service. */
    private static final String ONE_OFF_LABEL = "com.docker.compose.oneoff";

    private final DockerCommands commands;
    private final ComposeFlavour flavour;

    ContainerReader(DockerCommands commands, ComposeFlavour flavour) {
        this.commands = commands;
        this.flavour = flavour;
    }

    List<ContainerState> snapshot() throws IOException, InterruptedException {
        List<String> ids = containerIds();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(List.of("inspect"));
        args.addAll(ids);
        ProcessResult inspected = commands.check(commands.docker(args.toArray(String[]::new)), commands.quick(), false);
        List<ContainerState> containers = new ArrayList<>();
        for (JsonNode c : Json.MAPPER.readTree(inspected.stdout())) {
            if (!"True".equalsIgnoreCase(c.path("Config").path("Labels").path(ONE_OFF_LABEL).asText())) {
                containers.add(state(c));
            }
        }
        return containers;
    }

    private List<String> containerIds() throws IOException, InterruptedException {
        List<String> ps = flavour.v2() ? List.of("ps", "--all", "--format", "json") : List.of("ps", "--all", "-q");
        String out = commands.check(commands.compose(ps), commands.quick(), false).stdout().trim();
        List<String> ids = new ArrayList<>();
        if (!flavour.v2()) {
            out.lines().filter(l -> !l.isBlank()).map(String::trim).forEach(ids::add);
        } else if (out.startsWith("[")) {
            Json.MAPPER.readTree(out).forEach(entry -> ids.add(entry.path("ID").asText()));
        } else {
            for (String line : out.lines().filter(l -> !l.isBlank()).toList()) {
                ids.add(Json.MAPPER.readTree(line).path("ID").asText());
            }
        }
        return ids;
    }

    private static ContainerState state(JsonNode c) {
        JsonNode state = c.path("State");
        JsonNode labels = c.path("Config").path("Labels");
        return new ContainerState(
                labels.path(PROJECT_LABEL).asText(""),
                labels.path(SERVICE_LABEL).asText(""),
                c.path("Id").asText(),
                c.path("Name").asText().replaceFirst("^/", ""),
                state.path("Status").asText(),
                state.path("Health").path("Status").asText(""),
                state.path("ExitCode").asInt(),
                c.path("Image").asText(),
                c.path("Config").path("Image").asText(),
                c.path("RestartCount").asInt());
    }

    /**
     * The image id each name points to now ({@code docker image inspect}); names with no image are left out. One
     * call for all names: docker prints the ones it found and exits 1 if any is missing.
     */
    Map<String, String> imageIds(Collection<String> refs) throws IOException, InterruptedException {
        Map<String, String> ids = new LinkedHashMap<>();
        if (refs.isEmpty()) {
            return ids;
        }
        List<String> args = new ArrayList<>(List.of("image", "inspect"));
        args.addAll(new LinkedHashSet<>(refs));
        ProcessResult result = commands.attempt(commands.docker(args.toArray(String[]::new)), commands.quick(), false);
        String out = result.stdout().trim();
        if (result.timedOut() || !out.startsWith("[")) {
            throw new CommandFailedException(DockerCommands.failure(commands.docker(args.toArray(String[]::new)),
                    result, commands.quick()));
        }
        JsonNode images = Json.MAPPER.readTree(out);
        for (String ref : refs) {
            for (JsonNode image : images) {
                for (JsonNode tag : image.path("RepoTags")) {
                    if (tag.asText().equals(fullName(ref))) {
                        ids.put(ref, image.path("Id").asText());
                    }
                }
            }
        }
        return ids;
    }

    /** {@code web} is {@code web:latest}; a port in a registry host ({@code host:5000/web}) is not a tag. */
    static String fullName(String ref) {
        String last = ref.substring(ref.lastIndexOf('/') + 1);
        return last.contains(":") || last.contains("@") ? ref : ref + ":latest";
    }

    /**
     * The same repository with a tag of its own per project and service, so projects sharing an image
     * ({@code postgres:16} and {@code postgres:17}) never restore each other's: {@code registry:5000/shop/web:1.2}
     * of service web in project shop → {@code registry:5000/shop/web:deploy-gates-previous-shop-web}.
     */
    static String rollbackTag(String ref, String project, String service) {
        String full = fullName(ref);
        int slash = full.lastIndexOf('/');
        int colon = full.indexOf(':', slash + 1);
        int at = full.indexOf('@', slash + 1);
        String tag = ("deploy-gates-previous-" + project + "-" + service).replaceAll("[^A-Za-z0-9_.-]", "-");
        return full.substring(0, at >= 0 ? at : colon) + ":" + tag.substring(0, Math.min(128, tag.length()));
    }
}
