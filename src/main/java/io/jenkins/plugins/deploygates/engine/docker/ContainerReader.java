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
 * Reads the project's containers: they are listed by the project label Compose puts on them, and {@code docker
 * inspect} says what they run. With Compose v2 the list comes from {@code docker ps} (the plain CLI answers in a
 * fraction of the time the compose plugin takes, and the project name is known from the config); Compose v1 works
 * its project name out its own way, so its {@code ps -q} lists them.
 */
final class ContainerReader {
    private static final String SERVICE_LABEL = "com.docker.compose.service";
    private static final String PROJECT_LABEL = "com.docker.compose.project";
    /** Containers of {@code docker compose run}: {@code ps --all} lists them, but they are not the service. */
    private static final String ONE_OFF_LABEL = "com.docker.compose.oneoff";

    private final DockerCommands commands;
    private final ComposeFlavour flavour;
    private final String project;

    ContainerReader(DockerCommands commands, ComposeFlavour flavour, String project) {
        this.commands = commands;
        this.flavour = flavour;
        this.project = project;
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
        List<String> argv = flavour.v2() && !project.isEmpty()
                ? commands.docker("ps", "--all", "--quiet", "--no-trunc", "--filter", "label=" + PROJECT_LABEL + "="
                        + project)
                : commands.compose(List.of("ps", "--all", "-q"));
        return commands.check(argv, commands.quick(), false).stdout().lines().map(String::trim)
                .filter(l -> !l.isEmpty()).toList();
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
     * The image id each name points to now, as the daemon resolves the name ({@code docker.io/library/app:1} is
     * the image listed as {@code app:1}); names with no image are left out. One call for all names in the usual
     * case: docker prints one id per name, in order. When a name has no image, docker prints the others and exits
     * 1, so each name is then asked on its own.
     */
    Map<String, String> imageIds(Collection<String> refs) throws IOException, InterruptedException {
        List<String> names = List.copyOf(new LinkedHashSet<>(refs));
        Map<String, String> ids = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return ids;
        }
        List<String> all = imageInspect(names);
        ProcessResult result = commands.attempt(all, commands.quick(), false);
        List<String> lines = result.stdout().lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        if (result.succeeded() && lines.size() == names.size()) {
            for (int i = 0; i < names.size(); i++) {
                ids.put(names.get(i), lines.get(i));
            }
            return ids;
        }
        if (result.timedOut() || names.size() == 1) {
            requireAnswer(all, result);
            return ids;
        }
        for (String name : names) {
            List<String> one = imageInspect(List.of(name));
            ProcessResult single = commands.attempt(one, commands.quick(), false);
            requireAnswer(one, single);
            if (single.succeeded() && !single.stdout().isBlank()) {
                ids.put(name, single.stdout().trim());
            }
        }
        return ids;
    }

    /**
     * Starts {@link #imageIds} for these names on a thread of its own, for when they are known before they are needed
     * (the names the old containers ran, right after the build). Null for no names.
     */
    DockerCommands.Started startImageIds(List<String> names) {
        return names.isEmpty() ? null : commands.start(imageInspect(names), commands.quick());
    }

    /**
     * What a {@link #startImageIds started} lookup found: the id of every name, or nothing at all when it did not
     * answer for each of them (a name with no image, a daemon gone); {@link #imageIds} then asks again.
     */
    Map<String, String> imageIds(DockerCommands.Started started, List<String> names)
            throws IOException, InterruptedException {
        Map<String, String> ids = new LinkedHashMap<>();
        if (started == null) {
            return ids;
        }
        ProcessResult result = started.result();
        List<String> lines = result.stdout().lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        if (result.succeeded() && lines.size() == names.size()) {
            for (int i = 0; i < names.size(); i++) {
                ids.put(names.get(i), lines.get(i));
            }
        }
        return ids;
    }

    private List<String> imageInspect(List<String> names) {
        List<String> args = new ArrayList<>(List.of("image", "inspect", "--format", "{{.Id}}"));
        args.addAll(names);
        return commands.docker(args.toArray(String[]::new));
    }

    /** "No such image" is an answer (the name points nowhere); a hang or any other error is not. */
    private void requireAnswer(List<String> argv, ProcessResult result) {
        if (result.timedOut() || (!result.succeeded() && !result.stderr().contains("No such image"))) {
            throw new CommandFailedException(DockerCommands.failure(argv, result, commands.quick()));
        }
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
