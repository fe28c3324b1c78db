package io.jenkins.plugins.deploygates.engine.docker;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code dockerRebuild}: rebuilds a Compose project so that it provably runs the new code. It builds without
 * cache, keeps the images the services ran for rollback, recreates every container, verifies (see
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
     * @return the report as plain values (project, services, verdict, rolledBack)
     * @throws ConfigurationException for a bad option, missing docker, unreachable daemon or bad compose file
     * @throws GateFailedException when the build or the verification failed (after rolling back if asked to)
     * @throws InterruptedException when stopped from outside; its message says what was stopped and what is left
     */
    public Map<String, Object> run(ComposeOptions options) throws IOException, InterruptedException {
        options.validate();
        RecordFile record = RecordFile.prepare(directory, options.reportDir(), "dockerRebuild");
        Redactor redactor = secrets(options, environment);
        try {
            return rebuild(options, redactor, record);
        } catch (ConfigurationException | GateFailedException e) {
            // docker's own error lines are quoted in these messages, and a build may print its secrets there
            throw redactor.redact(e);
        }
    }

    private Map<String, Object> rebuild(ComposeOptions options, Redactor redactor, RecordFile record)
            throws IOException, InterruptedException {
        ProgressLog redacted = log.redacting(redactor);
        DockerReport report = new DockerReport("dockerRebuild", options.projectName(), redactor);
        DeployProgress progress = new DeployProgress();
        try {
            ComposeSession session = ComposeSession.open(runner, directory, environment, options, redacted);
            report.session(session);
            deploy(session, options, report, progress);
            return report.toMap();
        } catch (ConfigurationException e) {
            report.failed(e.getMessage());
            throw e;
        } catch (CommandFailedException e) {
            report.failed(e.getMessage());
            throw new GateFailedException("deploy failed: " + e.getMessage() + ".");
        } catch (InterruptedException e) {
            String what = progress.stopped();
            report.interrupted(what);
            redacted.line("dockerRebuild stopped: " + what + ".");
            throw new InterruptedException(redactor.redact(what));
        } finally {
            record.write(report.toMap());
        }
    }

    private void deploy(ComposeSession session, ComposeOptions options, DockerReport report, DeployProgress progress)
            throws IOException, InterruptedException {
        DockerCommands commands = session.commands;
        List<ContainerState> before = session.before;
        List<ServiceImage> running = Rollback.running(session, before);
        progress.building();
        List<String> build = commands.composeForServices(buildArgs(options), options.services());
        ProcessResult built = commands.attempt(build, options.commandTimeout(), true);
        if (!built.succeeded()) {
            String why = DockerCommands.failure(build, built, options.commandTimeout());
            report.services(before);
            report.failed(why);
            throw new GateFailedException("deploy failed: " + why + "; the running containers were not touched.");
        }
        Map<String, String> builtImages = keepAndReadBuilt(session, running);
        report.kept(running);
        progress.deploying(running);
        List<String> up = commands.composeForServices(upArgs(session, options), options.services());
        ProcessResult started = commands.attempt(up, options.commandTimeout(), true);
        Verifier verifier = new Verifier(session, options, timing);
        Verification deployed = Rollback.explain(verifier.verify(session.services, !session.flavour.supportsWait(),
                builtImages), up, started, options);
        printTable(commands.log(), "Deployed:", session.services, deployed);
        report.services(deployed.containers());
        if (deployed.ok() && started.succeeded()) {
            report.passed();
            commands.log().line("dockerRebuild passed: " + passed(session, options) + ".");
            return;
        }
        String why = deployed.ok() ? DockerCommands.failure(up, started, options.commandTimeout()) : deployed.reason();
        report.failed(why);
        printLogs(commands, deployed.ok() ? session.services.get(0) : deployed.failingService());
        progress.rollingBack();
        throw new GateFailedException("deploy failed: " + why + "; " + rollBack(session, options, running,
                verifier, report));
    }

    /**
     * Tags the running images for rollback ({@link Rollback#keep}) and, beside those tags, reads which images the
     * services' names point to now, the ones just built: the verification after {@code up} needs them, and reading
     * them here takes one docker process off the wait after {@code up} (bench/DockerRebuildBench).
     */
    private static Map<String, String> keepAndReadBuilt(ComposeSession session, List<ServiceImage> running)
            throws IOException, InterruptedException {
        List<String> names = running.stream().map(ServiceImage::imageRef).distinct().toList();
        DockerCommands.Started lookup = session.reader.startImageIds(names);
        try {
            Rollback.keep(session, running);
            return session.reader.imageIds(lookup, names);
        } finally {
            if (lookup != null) {
                lookup.cancel();
            }
        }
    }

    /** "web runs the image just built and stayed up for 20s", one-shot services named as completed. */
    private static String passed(ComposeSession session, ComposeOptions options) {
        List<String> longRunning = session.services.stream().filter(s -> !session.project.isOneShot(s)).toList();
        List<String> oneShots = session.services.stream().filter(session.project::isOneShot).toList();
        List<String> parts = new ArrayList<>();
        if (!longRunning.isEmpty()) {
            parts.add(String.join(", ", longRunning) + (longRunning.size() == 1 ? " runs the image" : " run the images")
                    + " just built and stayed up" + (options.stableFor().isZero() ? ""
                            : " for " + Durations.format(options.stableFor())));
        }
        if (!oneShots.isEmpty()) {
            parts.add(String.join(", ", oneShots) + " (one-shot) completed with exit code 0");
        }
        return String.join("; ", parts);
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
        return args;
    }

    private static List<String> upArgs(ComposeSession session, ComposeOptions options) {
        List<String> args = new ArrayList<>(List.of("up", "-d", "--force-recreate"));
        if (options.removeOrphans()) {
            args.add("--remove-orphans");
        }
        args.addAll(Rollback.waitArgs(session.flavour, options));
        return args;
    }

    static void printTable(ProgressLog log, String title, List<String> services, Verification verification) {
        log.line(title);
        ServiceTable.lines(services, verification.containers()).forEach(line -> log.line("  " + line));
    }

    private static void printLogs(DockerCommands commands, String service) throws IOException, InterruptedException {
        commands.log().line("Last " + LOG_LINES + " log lines of " + service + ":");
        commands.attempt(commands.composeForServices(List.of("logs", "--no-color", "--tail", String.valueOf(LOG_LINES)),
                List.of(service)), commands.quick(), true);
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
