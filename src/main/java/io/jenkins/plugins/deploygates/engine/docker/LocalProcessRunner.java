package io.jenkins.plugins.deploygates.engine.docker;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs commands as child processes of this JVM (on a Jenkins agent: of the agent). */
public final class LocalProcessRunner implements ProcessRunner {
    /** How long the output readers may take to drain after the process ended or was killed. */
    private static final long DRAIN_MILLIS = 5_000;

    @Override
    public ProcessResult run(List<String> command, Path directory, Map<String, String> environment, Duration timeout,
            Consumer<String> lines) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(command);
        argv.set(0, resolve(command.get(0), environment.getOrDefault("PATH", "")));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        Thread outReader = drain(process.getInputStream(), out, lines);
        Thread errReader = drain(process.getErrorStream(), err, lines);
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException aborted) {
            // the build was aborted: docker must not go on changing containers behind it
            Thread.interrupted();
            kill(process);
            throw aborted;
        }
        if (!finished) {
            kill(process);
        }
        outReader.join(DRAIN_MILLIS);
        errReader.join(DRAIN_MILLIS);
        return new ProcessResult(finished ? process.exitValue() : -1, text(out), text(err), !finished);
    }

    /**
     * Looks the executable up on the child's PATH: ProcessBuilder would search the PATH of this JVM instead, which
     * is not the PATH the step or the user configured.
     */
    static String resolve(String executable, String path) throws MissingExecutableException {
        if (executable.contains(File.separator)) {
            return executable;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new MissingExecutableException(executable, path);
    }

    /**
     * Parent first, so it cannot run on (and print) once its child is gone; its children are listed before, as
     * they are re-parented and out of reach once it dies.
     */
    private static void kill(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static Thread drain(InputStream stream, StringBuilder sink, Consumer<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (sink) {
                        sink.append(line).append('\n');
                    }
                    synchronized (lines) { // stdout and stderr readers take turns: callers pass plain lists
                        lines.accept(line);
                    }
                }
            } catch (IOException e) {
                // The process was killed and its pipe closed under us; what was read so far is kept.
            }
        }, "docker-output-reader");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static String text(StringBuilder sink) {
        synchronized (sink) {
            return sink.toString();
        }
    }
}
