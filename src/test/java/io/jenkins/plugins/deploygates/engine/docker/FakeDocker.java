package io.jenkins.plugins.deploygates.engine.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The fake {@code docker} of {@code fake-docker.py}, installed in a temp folder that comes first on the PATH the
 * engine runs docker with, with its state folder and a project folder holding the compose file.
 */
public final class FakeDocker {
    public static final String COMPOSE = String.join("\n",
            "services:",
            "  web:",
            "    build: .",
            "    healthcheck:",
            "      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8080/health\"]",
            "  worker:",
            "    build: .",
            "  db:",
            "    image: postgres:16",
            "secrets:",
            "  npm_token:",
            "    environment: NPM_TOKEN",
            "");
    private static final String OPENING_VERSION = "docker compose version --short";
    private static final String OPENING_CONFIG = "docker compose -f docker-compose.yml -p shop config --format json";
    private static String python;

    public final Path bin;
    public final Path state;
    public final Path project;
    private final Map<String, String> env = new HashMap<>();

    public FakeDocker(Path root) throws IOException, InterruptedException {
        bin = Files.createDirectories(root.resolve("bin"));
        state = Files.createDirectories(root.resolve("state"));
        project = Files.createDirectories(root.resolve("project"));
        install("docker");
        Files.writeString(project.resolve("docker-compose.yml"), COMPOSE);
        // Only the fake: a test must never reach the docker or docker-compose installed on this machine.
        env.put("PATH", bin.toString());
        env.put("FAKE_DOCKER_STATE", state.toString());
    }

    /** Also installs {@code docker-compose}, the v1 binary. */
    public FakeDocker withComposeV1() throws IOException, InterruptedException {
        install("docker-compose");
        return this;
    }

    public FakeDocker mode(String... modes) {
        env.put("FAKE_DOCKER_MODE", String.join(",", modes));
        return this;
    }

    public FakeDocker set(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    /** Every docker command received so far, ids replaced by {@code <id>}. */
    public List<String> calls() throws IOException {
        Path log = state.resolve("calls.log");
        if (!Files.exists(log)) {
            return List.of();
        }
        List<String> calls = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            calls.add(line.replaceAll("(sha256:)?[0-9a-f]{64}", "<id>"));
        }
        // The engine runs Compose v2's config beside the version check, and its first look at the containers beside
        // both, so the scheduler orders them: they are listed as the engine reads them, version and config first.
        if (calls.remove(OPENING_CONFIG)) {
            calls.add(0, OPENING_CONFIG);
        }
        if (calls.remove(OPENING_VERSION)) {
            calls.add(0, OPENING_VERSION);
        }
        return sideBySideSorted(calls);
    }

    /**
     * The tags of a deploy or a rollback, and the look at the images just built, run side by side, so they reach the
     * log in any order: each unbroken run of such calls is listed image lookups first (in the order logged, for a
     * lookup that falls back to one name at a time runs them one after another), then the tags in text order.
     */
    private static List<String> sideBySideSorted(List<String> calls) {
        List<String> sorted = new ArrayList<>();
        List<String> lookups = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (String call : calls) {
            if (call.startsWith("docker image inspect ")) {
                lookups.add(call);
            } else if (call.startsWith("docker tag ")) {
                tags.add(call);
            } else {
                flush(lookups, tags, sorted);
                sorted.add(call);
            }
        }
        flush(lookups, tags, sorted);
        return sorted;
    }

    private static void flush(List<String> lookups, List<String> tags, List<String> sorted) {
        Collections.sort(tags);
        sorted.addAll(lookups);
        sorted.addAll(tags);
        lookups.clear();
        tags.clear();
    }

    public void clearCalls() throws IOException {
        Files.deleteIfExists(state.resolve("calls.log"));
        Files.deleteIfExists(state.resolve("env.log"));
    }

    public String read(String file) throws IOException {
        return Files.readString(state.resolve(file));
    }

    /**
     * The script goes in as a module, imported by a two-line {@code docker} (or {@code docker-compose}), so Python
     * compiles it once and later calls start from the cached bytecode: the fake answers in about 10ms.
     */
    private void install(String name) throws IOException, InterruptedException {
        try (InputStream in = FakeDocker.class.getResourceAsStream("fake-docker.py")) {
            Files.write(bin.resolve("fake_docker.py"), in.readAllBytes());
        }
        Path target = bin.resolve(name);
        // An absolute interpreter, so the fake runs whatever PATH a test gives docker; -SE skips site and env.
        Files.writeString(target, "#!" + python() + " -SE\nimport sys; sys.path.insert(0, '" + bin
                + "')\nimport fake_docker; fake_docker.main()\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static synchronized String python() throws IOException, InterruptedException {
        if (python == null) {
            Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
            python = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
        }
        return python;
    }
}
