package io.jenkins.plugins.deploygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The command line in a JVM of its own, started as a user or a CI runner starts it, so that a signal reaches it
 * as it would there: for what only a real process shows (exit codes on SIGINT and SIGTERM, what reaches stderr
 * before the process ends). Its stdout and stderr go to files, read while it runs.
 */
record ChildCli(Process process, Path stdout, Path stderr) implements AutoCloseable {
    /** Generous: a loaded two-core machine starts a JVM in seconds, not milliseconds. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    /**
     * Runs {@code deploy-gates args...} with this JVM's environment, less any Railway, smoke or Deploy Gates
     * variable of the machine's, plus these.
     *
     * @param dir where its stdout and stderr files go
     */
    static ChildCli start(Path dir, Map<String, String> environment, String... args) throws IOException {
        return start(dir, environment, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                DeployGatesCli.class.getName()), args);
    }

    /** Runs {@code launcher args...}, such as the {@code bin/deploy-gates} script. */
    static ChildCli start(Path dir, Map<String, String> environment, List<String> launcher, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        if (stopSignalsIgnoredHere()) {
            // a JVM leaves a signal alone that its parent ignores (a shell's background job); a terminal's does not
            command.addAll(List.of("env", "--default-signal=INT,TERM"));
        }
        command.addAll(launcher);
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout-", ".txt");
        Path err = Files.createTempFile(dir, "stderr-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.matches("(RAILWAY|SMOKE|DEPLOY_GATES)_.*"));
        builder.environment().putAll(environment);
        return new ChildCli(builder.start(), out, err);
    }

    /** Whether this JVM was started with SIGINT or SIGTERM ignored, which its children would inherit. */
    private static boolean stopSignalsIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
                return (ignored & ((1L << (2 - 1)) | (1L << (15 - 1)))) != 0; // SIGINT is 2, SIGTERM 15
            }
        }
        return false;
    }

    String out() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** Waits, within {@link #PATIENCE}, until the command is where a test wants to stop it. */
    void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(process.isAlive()).as("still running while waiting until " + what + "; stdout:\n" + out()
                    + "\nstderr:\n" + err()).isTrue();
            assertThat(System.nanoTime()).as(what + " within " + PATIENCE.toSeconds() + "s; stdout:\n" + out())
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Waits until stdout shows this text. */
    void awaitOutput(String text) throws Exception {
        await("stdout shows '" + text + "'", () -> {
            try {
                return out().contains(text);
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Sends {@code SIGINT}, {@code SIGTERM}, ... as Ctrl-C in a terminal or a CI runner cancelling a job would. */
    void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-s", signal.replaceFirst("^SIG", ""), String.valueOf(process.pid()))
                .redirectErrorStream(true).start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as(new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
    }

    /** The exit code, once it has ended within {@link #PATIENCE}. */
    int exitCode() throws Exception {
        assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("ended; stdout:\n" + out()).isTrue();
        return process.exitValue();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly); // a launcher's Java, if it did not exec
        process.destroyForcibly();
    }
}
