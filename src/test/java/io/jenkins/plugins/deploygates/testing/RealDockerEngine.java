package io.jenkins.plugins.deploygates.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private Docker engine with Compose v2 for the suite ({@code ../shared/tools/docker-engine}), all its state in
 * {@code target/real-services/docker}: started by the first test that asks, found running by the later ones, stopped
 * by {@code build/stop-real-services} after the integration tests. Tests reach it through {@link #dockerHost()} only,
 * never through the machine's own Docker. Skips (or fails under {@code DEPLOY_GATES_REAL_SERVICES=required}) with
 * one line when the tool is missing or the engine does not start.
 */
public final class RealDockerEngine {
    private static RealDockerEngine shared;
    private static String unavailable;
    private final Path dir;

    private RealDockerEngine(Path dir) {
        this.dir = dir;
    }

    public static synchronized RealDockerEngine get() {
        if (shared == null && unavailable == null) {
            Path tool = RealServices.shared("tools/docker-engine");
            Path dir = RealServices.directory("docker");
            if (!Files.isExecutable(tool)) {
                unavailable = "real Docker tests skipped: " + tool + " is missing";
            } else {
                String output = run(List.of(tool.toString(), "start", "--dir", dir.toString()), Map.of());
                if (output == null) {
                    unavailable = "real Docker tests skipped: docker-engine did not start; see "
                            + RealServices.buildDirectory().resolve("real-jenkins/docker-engine.log");
                } else {
                    shared = new RealDockerEngine(dir);
                }
            }
        }
        if (shared == null) {
            throw RealServices.unavailable(unavailable);
        }
        return shared;
    }

    /** {@code DOCKER_HOST} of this engine: {@code unix://target/real-services/docker/docker.sock}. */
    public String dockerHost() {
        return "unix://" + dir.resolve("docker.sock");
    }

    /** The docker CLI against this engine (its own config folder); its output, or an AssertionError when it fails. */
    public String docker(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        String output = run(command, Map.of("DOCKER_HOST", dockerHost(), "DOCKER_CONFIG", dir.resolve("docker-config").toString()));
        if (output == null) {
            throw new AssertionError("docker " + String.join(" ", arguments) + " failed; see "
                    + RealServices.buildDirectory().resolve("real-jenkins/docker-engine.log"));
        }
        return output;
    }

    /** Runs a command; its output (also appended to target/real-jenkins/docker-engine.log), or null when it failed. */
    private static String run(List<String> command, Map<String, String> environment) {
        try {
            Path log = RealServices.buildDirectory().resolve("real-jenkins/docker-engine.log");
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            boolean done = process.waitFor(10, TimeUnit.MINUTES);
            String text = new String(output, StandardCharsets.UTF_8);
            Files.writeString(log, "$ " + String.join(" ", command) + "\n" + text, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            return done && process.exitValue() == 0 ? text : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
