package io.jenkins.plugins.deploygates.engine.docker;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds docker / compose command lines, prints each one before it runs and checks how it ended. Secrets never
 * appear on these command lines (build args and secrets travel in the environment), and the log it prints to
 * redacts anything that slips through in docker's output.
 */
final class DockerCommands {
    /** Commands that only ask the daemon something (ps, inspect, tag, config) get at most this long. */
    private static final Duration QUICK = Duration.ofMinutes(2);

    private final ProcessRunner runner;
    private final Path directory;
    private final Map<String, String> environment;
    private final ComposeOptions options;
    private final ProgressLog log;
    private List<String> composePrefix = List.of("docker", "compose");
    private boolean composeV2 = true;

    DockerCommands(ProcessRunner runner, Path directory, Map<String, String> baseEnvironment, ComposeOptions options,
            ProgressLog log) {
        this.runner = runner;
        this.directory = directory;
        this.environment = new HashMap<>(baseEnvironment);
        if (options.dockerHost() != null) {
            environment.put("DOCKER_HOST", options.dockerHost());
        }
        this.options = options;
        this.log = log;
    }

    void useCompose(ComposeFlavour flavour) {
        this.composePrefix = List.copyOf(flavour.prefix());
        this.composeV2 = flavour.v2();
    }

    ProgressLog log() {
        return log;
    }

    Duration quick() {
        return options.commandTimeout().compareTo(QUICK) < 0 ? options.commandTimeout() : QUICK;
    }

    /** {@code docker [--context C] args...} */
    List<String> docker(String... args) {
        List<String> argv = new ArrayList<>(List.of("docker"));
        if (options.context() != null) {
            argv.addAll(List.of("--context", options.context()));
        }
        argv.addAll(List.of(args));
        return argv;
    }

    /** {@code docker [--context C] compose -f F... [-p P] args...}, or the same with {@code docker-compose}. */
    List<String> compose(List<String> args) {
        List<String> argv = new ArrayList<>(composePrefix.get(0).equals("docker")
                ? docker(composePrefix.subList(1, composePrefix.size()).toArray(String[]::new))
                : withContext(composePrefix));
        for (String file : options.files()) {
            argv.addAll(List.of("-f", file));
        }
        if (options.projectName() != null) {
            argv.addAll(List.of("-p", options.projectName()));
        }
        argv.addAll(args);
        return argv;
    }

    private List<String> withContext(List<String> prefix) {
        List<String> argv = new ArrayList<>(prefix);
        if (options.context() != null) {
            argv.addAll(List.of("--context", options.context()));
        }
        return argv;
    }

    /**
     * {@code compose(command + options + -- + services)}: the {@code --} keeps a service name from ever being read
     * as an option. Compose v2 takes it everywhere; v1 (docopt) only where its usage declares {@code [--]}: up and
     * logs, not build.
     */
    List<String> composeForServices(List<String> commandAndOptions, List<String> services) {
        List<String> args = new ArrayList<>(commandAndOptions);
        if (!services.isEmpty() && (composeV2 || !commandAndOptions.get(0).equals("build"))) {
            args.add("--");
        }
        args.addAll(services);
        return compose(args);
    }

    /** Runs the command and returns how it ended; only a missing executable or an unreachable daemon throw. */
    ProcessResult attempt(List<String> argv, Duration timeout, boolean showOutput)
            throws IOException, InterruptedException {
        announce(argv);
        ProcessResult result = runner.run(argv, directory, environment, timeout,
                showOutput ? line -> log.line("  " + TerminalText.plain(line)) : line -> { });
        if (!result.succeeded() && unreachable(result)) {
            throw unreachableDaemon(result);
        }
        return result;
    }

    private ConfigurationException unreachableDaemon(ProcessResult result) {
        return new ConfigurationException("The Docker daemon " + daemon() + " cannot be reached ("
                + result.errorLine() + "): start it, or point dockerHost or context at a running one.");
    }

    /**
     * Prints the command line now and runs it on a thread of its own, for a command whose answer is needed later and
     * that does not depend on what runs meanwhile. Only missing executables and interruptions reach the caller, from
     * {@link Started#result()}; a started command that turns out not to be needed is {@link Started#cancel()}led.
     */
    Started start(List<String> argv, Duration timeout) {
        announce(argv);
        return new Started(BackgroundTask.start("deploy-gates " + describe(argv),
                () -> runner.run(argv, directory, environment, timeout, line -> { })), argv, timeout);
    }

    /**
     * Runs commands that do not depend on one another side by side (each {@code docker tag} of a deploy is a process
     * start of its own, about 15 ms), printed in the order given, and throws as {@link #check} does for the first
     * of them, in that order, that did not exit 0. None is left running when this returns or throws.
     */
    void checkAll(List<List<String>> argvs, Duration timeout) throws IOException, InterruptedException {
        List<Started> started = new ArrayList<>();
        try {
            for (List<String> argv : argvs) {
                started.add(start(argv, timeout));
            }
            for (Started command : started) {
                check(command);
            }
        } finally {
            started.forEach(Started::cancel);
        }
    }

    /** {@link #check} for a command already started. */
    ProcessResult check(Started started) throws IOException, InterruptedException {
        ProcessResult result = started.result();
        if (!result.succeeded() && unreachable(result)) {
            throw unreachableDaemon(result);
        }
        if (!result.succeeded()) {
            throw new CommandFailedException(failure(started.argv, result, started.timeout));
        }
        return result;
    }

    /** A command {@link #start started} on its own thread. */
    static final class Started {
        private final BackgroundTask<ProcessResult> task;
        private final List<String> argv;
        private final Duration timeout;

        private Started(BackgroundTask<ProcessResult> task, List<String> argv, Duration timeout) {
            this.task = task;
            this.argv = argv;
            this.timeout = timeout;
        }

        ProcessResult result() throws IOException, InterruptedException {
            return task.result();
        }

        /** Stops the command if it still runs (the runner kills a process whose thread is interrupted). */
        void cancel() {
            task.cancel();
        }
    }

    /** Prints the command line as it runs, with the daemon it goes to when that was given as an option. */
    private void announce(List<String> argv) {
        log.line("$ " + (options.dockerHost() == null ? "" : "DOCKER_HOST=" + options.dockerHost() + " ")
                + String.join(" ", argv));
    }

    /** Runs the command and throws {@link CommandFailedException} unless it exited 0 in time. */
    ProcessResult check(List<String> argv, Duration timeout, boolean showOutput)
            throws IOException, InterruptedException {
        ProcessResult result = attempt(argv, timeout, showOutput);
        if (!result.succeeded()) {
            throw new CommandFailedException(failure(argv, result, timeout));
        }
        return result;
    }

    static String failure(List<String> argv, ProcessResult result, Duration timeout) {
        String what = "'" + describe(argv) + "'";
        return result.timedOut()
                ? what + " did not finish within " + Durations.format(timeout) + " and was stopped"
                : what + " exited with code " + result.exitCode() + " (" + result.errorLine() + ")";
    }

    /** The command without its file/project/context options and arguments: {@code docker compose build}. */
    static String describe(List<String> argv) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String word = argv.get(i);
            if (List.of("-f", "-p", "--context").contains(word)) {
                i++;
            } else if (word.startsWith("-")) {
                break;
            } else {
                words.add(word);
            }
        }
        return String.join(" ", words.subList(0, Math.min(words.size(), 3)));
    }

    private static boolean unreachable(ProcessResult result) {
        String text = result.stderr() + result.stdout();
        return text.contains("Cannot connect to the Docker daemon") || text.contains("error during connect")
                || text.contains("Couldn't connect to Docker daemon"); // the last one: Compose v1
    }

    /** Which daemon docker talks to, as a sentence names it: the option, else what the environment chose. */
    String daemon() {
        if (options.dockerHost() != null) {
            return "at " + options.dockerHost();
        }
        if (options.context() != null) {
            return "of context " + options.context();
        }
        String host = environment.get("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            return "at " + host + " (DOCKER_HOST)";
        }
        String context = environment.get("DOCKER_CONTEXT");
        if (context != null && !context.isBlank()) {
            return "of context " + context + " (DOCKER_CONTEXT)";
        }
        return "on this machine";
    }
}
