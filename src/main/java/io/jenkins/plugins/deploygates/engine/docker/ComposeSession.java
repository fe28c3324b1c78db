package io.jenkins.plugins.deploygates.engine.docker;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A checked connection to one Compose project: docker is installed, Compose (v2 or v1) is there, the compose file
 * is valid, the services exist and the daemon answers. Each failure is one sentence saying what to fix. The first
 * look at the project's containers is the daemon's check: a separate {@code docker info} would cost one more
 * round trip on every deploy.
 */
final class ComposeSession {
    private static final List<String> CONFIG_V2 = List.of("config", "--format", "json");
    final DockerCommands commands;
    final ComposeFlavour flavour;
    final ComposeProject project;
    final ContainerReader reader;
    /** The services this run works on: the ones asked for, else all of the project. */
    final List<String> services;
    /** The project's containers when the session opened, before anything was changed. */
    final List<ContainerState> before;

    private ComposeSession(DockerCommands commands, ComposeFlavour flavour, ComposeProject project,
            List<String> services, EarlyLook early) throws IOException, InterruptedException {
        this.commands = commands;
        this.flavour = flavour;
        this.project = project;
        this.reader = new ContainerReader(commands, flavour, project.name());
        this.services = services;
        this.before = firstLook(commands, reader, flavour.v2() && early != null
                && early.project().equals(project.name()) ? early : null);
    }

    static ComposeSession open(ProcessRunner runner, Path directory, Map<String, String> environment,
            ComposeOptions options, ProgressLog log) throws IOException, InterruptedException {
        for (String file : options.files()) {
            Path resolved = directory.resolve(file);
            ConfigurationException.require(Files.isRegularFile(resolved), "file '" + file + "' does not exist"
                    + (Path.of(file).isAbsolute() ? "" : " in " + directory.toAbsolutePath().normalize())
                    + ": set file to the compose file of your project.");
        }
        DockerCommands commands = new DockerCommands(runner, directory, environment, options, log);
        // Nearly every machine has Compose v2, so its config runs beside the version check instead of after it, and
        // the first look at the containers beside both: two and three process starts less on every deploy's critical
        // path (bench/DockerRebuildBench). On a v1 machine, or under another name, they are not used.
        EarlyLook early = EarlyLook.start(runner, directory, environment, options);
        try {
            DockerCommands.Started v2Config = commands.start(commands.compose(CONFIG_V2), commands.quick());
            ComposeFlavour flavour = null;
            try {
                flavour = detect(commands);
            } finally {
                if (flavour == null || !flavour.v2()) {
                    v2Config.cancel();
                }
            }
            commands.useCompose(flavour);
            log.line("Using " + flavour.describe() + ".");
            ComposeProject project = flavour.v2() ? configV2(v2Config, options)
                    : ComposeProject.forV1(configV1(commands, options), options.projectName(), directory,
                            options.files(), environment);
            return new ComposeSession(commands, flavour, project, chosen(project, options), early);
        } finally {
            if (early != null) {
                early.cancel(); // a no-op once it was used
            }
        }
    }

    private static ComposeFlavour detect(DockerCommands commands) throws IOException, InterruptedException {
        try {
            return ComposeFlavour.detect(commands);
        } catch (MissingExecutableException e) {
            throw new ConfigurationException("docker was not found on the PATH of this machine: install the Docker "
                    + "CLI there or add its folder to PATH.");
        }
    }

    /**
     * The early look when it was taken under the project's name, else a look now. An unreachable daemon is answered
     * at once ({@link DockerCommands#attempt}); a silent one times out here.
     */
    private static List<ContainerState> firstLook(DockerCommands commands, ContainerReader reader, EarlyLook early)
            throws IOException, InterruptedException {
        try {
            return early != null ? early.result(commands.log()) : reader.snapshot();
        } catch (CommandFailedException e) {
            throw new ConfigurationException("The Docker daemon " + commands.daemon() + " did not answer: "
                    + e.getMessage() + "; check dockerHost, context and the daemon.");
        }
    }

    /** One call: it proves the file valid and gives the project name, the services and their dependencies. */
    private static ComposeProject configV2(DockerCommands.Started started, ComposeOptions options)
            throws IOException, InterruptedException {
        ProcessResult config = started.result();
        requireValid(config, options);
        return ComposeProject.fromConfigJson(config.stdout());
    }

    private static List<String> configV1(DockerCommands commands, ComposeOptions options)
            throws IOException, InterruptedException {
        requireValid(commands.attempt(commands.compose(List.of("config", "--quiet")), commands.quick(), false),
                options);
        return commands.check(commands.compose(List.of("config", "--services")), commands.quick(), false)
                .stdout().lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static void requireValid(ProcessResult config, ComposeOptions options) {
        ConfigurationException.require(config.succeeded(), "file " + String.join(", ", options.files())
                + " is not a valid compose file (" + config.errorLine() + "): fix it and run again.");
    }

    private static List<String> chosen(ComposeProject project, ComposeOptions options) {
        for (String service : options.services()) {
            ConfigurationException.require(project.services().contains(service), "service '" + service
                    + "' is not in " + String.join(", ", options.files()) + ": use one of "
                    + String.join(", ", project.services()) + ".");
        }
        return options.services().isEmpty() ? project.services() : options.services();
    }
}
