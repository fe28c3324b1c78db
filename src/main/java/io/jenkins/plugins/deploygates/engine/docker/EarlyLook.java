package io.jenkins.plugins.deploygates.engine.docker;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The first look at a project's containers ({@code docker ps} and {@code docker inspect}), taken on a thread of its
 * own while Compose reads the compose file, for the project name Compose v2 will most likely give it: the two
 * commands then cost no time of their own on a deploy (bench/DockerRebuildBench). Its command lines are printed only
 * when it is used, after the lines that come before it, so the console reads as if it ran in its place. It is
 * used only when Compose v2 confirms the name; otherwise it is stopped and the look is taken again.
 */
final class EarlyLook {
    private final String project;
    private final BackgroundTask<List<ContainerState>> task;
    private final List<String> lines;

    private EarlyLook(String project, BackgroundTask<List<ContainerState>> task, List<String> lines) {
        this.project = project;
        this.task = task;
        this.lines = lines;
    }

    /** Starts the look for the name Compose v2 is expected to give the project; null when there is no name. */
    static EarlyLook start(ProcessRunner runner, Path directory, Map<String, String> environment,
            ComposeOptions options) {
        String project = expectedName(options, environment, directory);
        if (project.isEmpty()) {
            return null;
        }
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        ProgressLog held = lines::add;
        DockerCommands commands = new DockerCommands(runner, directory, environment, options, held);
        ComposeFlavour v2 = new ComposeFlavour(List.of("docker", "compose"), "", true);
        return new EarlyLook(project, BackgroundTask.start("deploy-gates first look at " + project,
                () -> new ContainerReader(commands, v2, project).snapshot()), lines);
    }

    /**
     * Compose v2's choice, from the most to the least binding: {@code -p}, {@code COMPOSE_PROJECT_NAME}, else the
     * folder of the first compose file, lower case and without the characters a project name cannot have. A
     * top-level {@code name:} in the file comes before the folder; then this guess is wrong, and the look is taken
     * again once Compose has given the name.
     */
    static String expectedName(ComposeOptions options, Map<String, String> environment, Path directory) {
        if (options.projectName() != null) {
            return options.projectName();
        }
        String fromEnvironment = environment.get("COMPOSE_PROJECT_NAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        Path folder = directory.resolve(options.files().get(0)).toAbsolutePath().normalize().getParent();
        if (folder == null || folder.getFileName() == null) {
            return "";
        }
        return folder.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "")
                .replaceFirst("^[_-]+", "");
    }

    String project() {
        return project;
    }

    /**
     * The containers it found, its command lines printed to {@code log} first. Throws what the look itself would
     * have thrown (an unreachable daemon, a failed command), so the caller reports it as for any first look.
     */
    List<ContainerState> result(ProgressLog log) throws IOException, InterruptedException {
        try {
            return task.result();
        } finally {
            synchronized (lines) {
                lines.forEach(log::line);
            }
        }
    }

    /** Stops the look if it still runs. */
    void cancel() {
        task.cancel();
    }
}
