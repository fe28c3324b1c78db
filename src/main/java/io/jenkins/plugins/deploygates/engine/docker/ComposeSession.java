package io.jenkins.plugins.deploygates.engine.docker;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A checked connection to one Compose project: docker is installed, the daemon answers, Compose (v2 or v1) is
 * there, the compose file is valid and the services exist. Each failure is one sentence saying what to fix.
 */
final class ComposeSession {
    final DockerCommands commands;
    final ComposeFlavour flavour;
    final ContainerReader reader;
    final List<String> services;

    private ComposeSession(DockerCommands commands, ComposeFlavour flavour, List<String> services) {
        this.commands = commands;
        this.flavour = flavour;
        this.reader = new ContainerReader(commands, flavour);
        this.services = services;
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
        daemonAnswers(commands);
        ComposeFlavour flavour = ComposeFlavour.detect(commands);
        commands.useCompose(flavour.prefix());
        log.line("Using " + flavour.describe() + ".");
        ProcessResult valid = commands.attempt(commands.compose(List.of("config", "--quiet")), commands.quick(), false);
        ConfigurationException.require(valid.succeeded(), "file " + String.join(", ", options.files())
                + " is not a valid compose file (" + valid.firstErrorLine() + "): fix it and run again.");
        return new ComposeSession(commands, flavour, services(commands, options));
    }

    private static void daemonAnswers(DockerCommands commands) throws IOException, InterruptedException {
        try {
            commands.check(commands.docker("info", "--format", "{{.ServerVersion}}"), commands.quick(), false);
        } catch (MissingExecutableException e) {
            throw new ConfigurationException("docker was not found on the PATH of this machine: install the Docker "
                    + "CLI there or add its folder to PATH.");
        } catch (CommandFailedException e) {
            throw new ConfigurationException("The Docker daemon did not answer: " + e.getMessage()
                    + "; check dockerHost, context and the daemon.");
        }
    }

    private static List<String> services(DockerCommands commands, ComposeOptions options)
            throws IOException, InterruptedException {
        List<String> all = commands.check(commands.compose(List.of("config", "--services")), commands.quick(), false)
                .stdout().lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String service : options.services()) {
            ConfigurationException.require(all.contains(service), "service '" + service + "' is not in "
                    + String.join(", ", options.files()) + ": use one of " + String.join(", ", all) + ".");
        }
        return options.services().isEmpty() ? all : options.services();
    }
}
