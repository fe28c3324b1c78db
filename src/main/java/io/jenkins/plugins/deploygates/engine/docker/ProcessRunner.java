package io.jenkins.plugins.deploygates.engine.docker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one external command. The engine talks to {@code docker} only through this, so the whole sequence can be
 * driven against a fake {@code docker} in the tests.
 */
@FunctionalInterface
public interface ProcessRunner {

    /**
     * @param command the executable (looked up on the {@code PATH} of {@code environment}) and its arguments
     * @param environment the complete environment of the child process
     * @param timeout after this the process and its children are killed and the result says {@code timedOut}
     * @param lines receives each line of stdout and stderr as it arrives, one line at a time
     * @throws MissingExecutableException when the executable is not on that {@code PATH}
     */
    ProcessResult run(List<String> command, Path directory, Map<String, String> environment, Duration timeout,
            Consumer<String> lines) throws IOException, InterruptedException;
}
