package io.jenkins.plugins.deploygates.faults;

import io.jenkins.plugins.deploygates.cli.DeployGatesCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One command line run of a fault test: its exit code, what it printed and how long it took on the real clock. */
record CliOutcome(int exitCode, String out, String err, Duration took) {
    static CliOutcome of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int code = DeployGatesCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new CliOutcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** The error is one line, without a stack trace. */
    boolean errIsOneSentence() {
        return err.strip().lines().count() == 1 && !err.contains("\tat ");
    }
}
