package io.jenkins.plugins.deploygates.engine.docker;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code dockerRebuild}: rebuilds a Compose project so that it provably runs the new code. It keeps the images
 * the services run now for rollback, builds without cache, recreates every container, verifies (see
 * {@link Verifier}) and, when that fails, prints the failing service's last log lines and rolls back.
 */
public final class DockerRebuild {
    static final int LOG_LINES = 100;

    private final ProcessRunner runner;
    private final Path directory;
    private final Map<String, String> environment;
    private final ProgressLog log;
    private final Timing timing;

    /**
     * @param directory where the compose files are (the workspace)
     * @param environment the complete environment docker runs with; build args and secrets are read from it
     */
    public DockerRebuild(ProcessRunner runner, Path directory, Map<String, String> environment, ProgressLog log,
            Timing timing) {
        this.runner = runner;
        this.directory = directory;
        this.environment = environment;
        this.log = log;
        this.timing = timing;
    }

    /**
     * @return the report as plain values (services, verdict, rolledBack)
     * @throws ConfigurationException for a bad option, missing docker, unreachable daemon or bad compose file
     * @throws GateFailedException when the build or the verification failed (after rolling back if asked to)
     */
    public Map<String, Object> run(ComposeOptions options) throws IOException, InterruptedException {
        options.validate();
        Redactor redactor = secrets(options, environment);
        try {
            return rebuild(options, redactor);
        } catch (ConfigurationException | GateFailedException e) {
            // docker's own error lines are quoted in these messages, and a build may print its secrets there
            throw redactor.redact(e);
        }
    }

    private Map<String, Object> rebuild(ComposeOptions options, Redactor redactor)
            throws IOException, InterruptedException {
        ComposeSession session = ComposeSession.open(runner, directory, environment, options, log.redacting(redactor));
        DockerReport report = new DockerReport("dockerRebuild", session.flavour.describe(), options.projectName(),
                redactor);
        try {
            deploy(session, options, report);
            return report.toMap();
        } catch (CommandFailedException e) {
            report.failed(e.getMessage());
            throw new GateFailedException("deploy failed: " + e.getMessage() + ".");
        } catch (InterruptedException e) {
            report.interrupted("the rebuild");
            throw e;
        } finally {
            report.write(directory, options);
        }
    }

    private void deploy(ComposeSession session, ComposeOptions options, DockerReport report)
            throws IOException, InterruptedException {
        DockerCommands commands = session.commands;
        List<ServiceImage> previous = Rollback.keepPrevious(session, session.reader.snapshot());
        List<String> build = buildArgs(options);
        ProcessResult built = commands.attempt(commands.compose(build), options.commandTimeout(), true);
        if (!built.succeeded()) {
            String why = DockerCommands.failure(commands.compose(build), built, options.commandTimeout());
            report.failed(why);
            throw new GateFailedException("deploy failed: " + why + "; the running containers were not touched.");
        }
        List<String> up = upArgs(session, options);
        ProcessResult started = commands.attempt(commands.compose(up), options.commandTimeout(), true);
        Verifier verifier = new Verifier(session.reader, options, timing);
        Verification deployed = Rollback.withHang(verifier.verify(session.services, !session.flavour.supportsWait()),
                commands.compose(up), started, options);
        printTable(commands.log(), "Deployed:", session.services, deployed);
        report.services(deployed.containers());
        if (deployed.ok() && started.succeeded()) {
            report.passed();
            commands.log().line("dockerRebuild passed: " + String.join(", ", session.services)
                    + " run the images just built and stayed up.");
            return;
        }
        String why = deployed.ok()
                ? DockerCommands.failure(commands.compose(up), started, options.commandTimeout()) : deployed.reason();
        report.failed(why);
        printLogs(commands, deployed.ok() ? session.services.get(0) : deployed.failingService());
        throw new GateFailedException("deploy failed: " + why + "; " + rollBack(session, options, previous,
                verifier, report));
    }

    /** Rolls back when asked to and says how that went, as the end of the failure sentence. */
    private static String rollBack(ComposeSession session, ComposeOptions options, List<ServiceImage> previous,
            Verifier verifier, DockerReport report) throws IOException, InterruptedException {
        if (!options.rollbackOnFailure()) {
            return "rollbackOnFailure is off, so the new containers were left as they are.";
        }
        if (previous.isEmpty()) {
            return "there were no previous images to roll back to (first deployment).";
        }
        Verification back = Rollback.restore(session, previous, verifier, options);
        printTable(session.commands.log(), "After rollback:", session.services, back);
        report.rolledBack(previous, back);
        return back.ok()
                ? "rolled back to previous images (" + Rollback.describe(previous) + "), which run and stayed up."
                : "rolled back to previous images (" + Rollback.describe(previous) + "), but they fail too: "
                        + back.reason() + ".";
    }

    private static List<String> buildArgs(ComposeOptions options) {
        List<String> args = new ArrayList<>(List.of("build"));
        if (options.noCache()) {
            args.add("--no-cache");
        }
        if (options.pull()) {
            args.add("--pull");
        }
        for (String name : options.buildArgs()) {
            // A bare name: Compose reads the value from its environment, so it never shows on a command line.
            args.addAll(List.of("--build-arg", name));
        }
        args.addAll(options.services());
        return args;
    }

    private static List<String> upArgs(ComposeSession session, ComposeOptions options) {
        List<String> args = new ArrayList<>(List.of("up", "-d", "--force-recreate"));
        if (options.removeOrphans()) {
            args.add("--remove-orphans");
        }
        args.addAll(Rollback.waitArgs(session.flavour, options));
        args.addAll(options.services());
        return args;
    }

    static void printTable(ProgressLog log, String title, List<String> services, Verification verification) {
        log.line(title);
        ServiceTable.lines(services, verification.containers()).forEach(line -> log.line("  " + line));
    }

    private static void printLogs(DockerCommands commands, String service) throws IOException, InterruptedException {
        commands.log().line("Last " + LOG_LINES + " log lines of " + service + ":");
        commands.attempt(commands.compose(List.of("logs", "--no-color", "--tail", String.valueOf(LOG_LINES), service)),
                commands.quick(), true);
    }

    /** Every build arg and secret must be in the environment; the secrets' values are masked in every line. */
    static Redactor secrets(ComposeOptions options, Map<String, String> environment) {
        List<String> values = new ArrayList<>();
        for (String name : options.buildSecrets()) {
            ConfigurationException.require(environment.get(name) != null, "buildSecrets names " + name
                    + " but no such environment variable is set: set it (for example with withCredentials) first.");
            values.add(environment.get(name));
        }
        for (String name : options.buildArgs()) {
            ConfigurationException.require(environment.get(name) != null, "buildArgs names " + name
                    + " but no such environment variable is set: set it before the step.");
        }
        return Redactor.byShape().with(values);
    }
}
