package io.jenkins.plugins.deploygates.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * A real Docker engine for the {@code *ITest} suites, started once through the shared kit's
 * {@code docker-engine start --dir target/real-services/docker} (idempotent: a second test JVM finds it running and
 * reuses it). Tests get only that daemon: {@link #environment()} holds its {@code DOCKER_HOST} and a
 * {@code DOCKER_CONFIG} under its folder, never the machine's own daemon or settings. It is never stopped here:
 * the build stops every service under {@code target/real-services/} after the integration tests. A private engine
 * ({@link #startPrivate}) is for a test that stops its daemon on purpose.
 *
 * <p>What this kind of machine allows (the kit's header): host network only, servers on 127.0.0.1; no registry,
 * so images are built {@code FROM scratch} with the static busybox copied in, and never pulled; vfs storage, so
 * images stay tiny and the base image is built once per engine and shared ({@link #baseImage()}).
 *
 * <p>Where the engine cannot be had the test is skipped with one line saying why, or fails with that line when
 * {@code DEPLOY_GATES_REAL_SERVICES=required} (CI sets it).
 */
public final class RealDockerEngine {
    /** Tiny: the static busybox and nothing else. Services add their own files on top. */
    public static final String BASE_IMAGE = "deploy-gates-itest-base:1";
    /** Installing the engine's packages the first time on a fresh machine can take minutes. */
    private static final long START_MINUTES = 15;
    private static RealDockerEngine shared;

    private final Path directory;
    private final String dockerHost;
    private boolean baseBuilt;

    private RealDockerEngine(Path directory, String dockerHost) {
        this.directory = directory;
        this.dockerHost = dockerHost;
    }

    /** The suite's engine, started on first use. */
    public static synchronized RealDockerEngine shared() {
        if (shared == null) {
            shared = start(buildDirectory().resolve("real-services/docker"));
        }
        return shared;
    }

    /** An engine of the calling test's own, in {@code target/real-services/<name>}; the test stops it. */
    public static RealDockerEngine startPrivate(String name) {
        return start(buildDirectory().resolve("real-services").resolve(name));
    }

    private static RealDockerEngine start(Path directory) {
        Path tool = tool();
        if (!Files.isExecutable(tool)) {
            throw unavailable("no real Docker engine: " + tool + " is missing (the shared kit is not beside the project)");
        }
        Run started = run(List.of(tool.toString(), "start", "--dir", directory.toString()), Map.of(), START_MINUTES);
        if (started.code != 0) {
            throw unavailable("no real Docker engine: docker-engine start failed: " + started.lastLine());
        }
        return new RealDockerEngine(directory, "unix://" + directory.resolve("docker.sock"));
    }

    /** Stops a private engine (never the shared one): containers, daemon and mounts, as the kit does it. */
    public void stop() {
        if (this == shared) {
            throw new IllegalStateException("the shared engine is stopped by the build, not by a test");
        }
        Run stopped = run(List.of(tool().toString(), "stop", "--dir", directory.toString()), Map.of(), 3);
        Assertions.assertEquals(0, stopped.code, "docker-engine stop failed: " + stopped.lastLine());
    }

    public String dockerHost() {
        return dockerHost;
    }

    /** Everything docker needs to reach this engine, and nothing that points at another one. */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("HOME", directory.resolve("home").toString());
        env.put("DOCKER_HOST", dockerHost);
        env.put("DOCKER_CONFIG", directory.resolve("docker-config").toString());
        return env;
    }

    /** Runs {@code docker args...} against this engine; the result holds its exit code and output. */
    public Run docker(String... args) {
        List<String> argv = new ArrayList<>(List.of("docker"));
        argv.addAll(List.of(args));
        return run(argv, environment(), 5);
    }

    /** {@link #docker} that must succeed. */
    public String dockerOk(String... args) {
        Run result = docker(args);
        Assertions.assertEquals(0, result.code, () -> "docker " + String.join(" ", args) + ": " + result.output);
        return result.output.trim();
    }

    /** The image id a name points to, or null when it points to none. */
    public String imageId(String name) {
        Run result = docker("image", "inspect", "--format", "{{.Id}}", name);
        return result.code == 0 ? result.output.trim() : null;
    }

    /** The base image every test service builds on, built once per engine (idempotent across JVMs). */
    public synchronized String baseImage() throws IOException {
        if (!baseBuilt && imageId(BASE_IMAGE) == null) {
            Path context = Files.createTempDirectory("deploy-gates-base");
            copyBusybox(context);
            Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n");
            dockerOk("build", "--quiet", "--tag", BASE_IMAGE, context.toString());
            Files.delete(context.resolve("busybox"));
            Files.delete(context.resolve("Dockerfile"));
            Files.delete(context);
        }
        baseBuilt = true;
        return BASE_IMAGE;
    }

    /** The machine's static busybox (from busybox-static, which the kit installs), copied into a build context. */
    public static void copyBusybox(Path context) throws IOException {
        for (String candidate : List.of("/bin/busybox", "/usr/bin/busybox")) {
            if (Files.isExecutable(Path.of(candidate))) {
                Files.copy(Path.of(candidate), context.resolve("busybox"));
                return;
            }
        }
        throw unavailable("no static busybox on this machine to build test images from");
    }

    /** A free TCP port on 127.0.0.1: services run on the host network, beside other builds' services. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Skips the calling test with {@code why}, or fails it when the real services are required. */
    public static RuntimeException unavailable(String why) {
        return RealServices.unavailable(why);
    }

    private static Path buildDirectory() {
        return RealServices.buildDirectory();
    }

    private static Path tool() {
        return RealServices.shared("tools/docker-engine");
    }

    /** How a command ended: exit code and its output (stdout and stderr together). */
    public record Run(int code, String output) {
        String lastLine() {
            String[] lines = output.strip().split("\\R");
            return lines[lines.length - 1];
        }
    }

    /** Output goes through a file, so a command that hangs still ends at the timeout. */
    private static Run run(List<String> argv, Map<String, String> env, long minutes) {
        Path output = null;
        try {
            output = Files.createTempFile("deploy-gates-docker", ".out");
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (!env.isEmpty()) {
                builder.environment().clear();
                builder.environment().putAll(env);
            }
            Process process = builder.start();
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Run(-1, String.join(" ", argv) + " did not finish within " + minutes + " min");
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Run(-1, argv.get(0) + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "interrupted");
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
