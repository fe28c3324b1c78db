package io.jenkins.plugins.deploygates.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The Jenkins kit's scripts ({@code ../shared/jenkins/bin}), each run's output kept in {@code target/real-jenkins/}. */
final class KitScripts {
    private final Path kit;

    KitScripts(Path kit) {
        this.kit = kit;
    }

    /** Runs {@code bin/<script> args...} with these variables added; its exit status, or -1 after {@code timeout}. */
    int run(List<String> command, Map<String, String> environment, Duration timeout) {
        List<String> full = new ArrayList<>(command);
        full.set(0, kit.resolve(command.get(0)).toString());
        try {
            Path log = log(Path.of(command.get(0)).getFileName().toString());
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    /** Where the last run of a script left its output. */
    Path log(String script) {
        return RealServices.buildDirectory().resolve("real-jenkins").resolve(script + ".log");
    }
}
