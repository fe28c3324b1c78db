package io.jenkins.plugins.deploygates.engine.docker;

import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.testing.RealDockerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One Compose project on the real engine: a busybox httpd on its own free 127.0.0.1 port, serving the release it
 * was built from, with a healthcheck. Each test writes the compose file it needs around that service.
 */
public final class RealComposeApp implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final RealDockerEngine engine;
    public final Path dir;
    public final String project;
    public final int port;
    final List<String> log = new ArrayList<>();

    public RealComposeApp(RealDockerEngine engine, Path root, String name) throws IOException {
        this.engine = engine;
        this.dir = Files.createDirectories(root.resolve(name));
        this.project = "dg-" + name.toLowerCase(Locale.ROOT) + "-" + Integer.toHexString(
                ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        this.port = RealDockerEngine.freePort();
    }

    /** The start script of a release that serves: httpd in the foreground. */
    static final String SERVES = "exec /bin/busybox httpd -f -p 127.0.0.1:PORT -h /www";

    /** A release that serves {@code version} at / and answers its healthcheck. */
    public RealComposeApp release(String version) throws IOException {
        return release(version, SERVES, true);
    }

    /**
     * A release whose image runs {@code script} (a shell script; PORT is this app's port) and serves
     * {@code version}, with or without the page its healthcheck asks for. What goes wrong lives in the image, as
     * with broken code: a rollback puts back the image, never the compose file.
     */
    RealComposeApp release(String version, String script, boolean healthPage) throws IOException {
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), version + "\n");
        Files.deleteIfExists(www.resolve("health.html"));
        if (healthPage) {
            Files.writeString(www.resolve("health.html"), "ok\n");
        }
        Files.writeString(dir.resolve("start"), script.replace("PORT", String.valueOf(port)) + "\n");
        Files.writeString(dir.resolve("Dockerfile"), "FROM " + engine.baseImage() + "\nCOPY www /www\n"
                + "COPY start /app/start\n");
        return this;
    }

    /** The compose file; {@code PORT} stands for this app's port. */
    public RealComposeApp compose(String text) throws IOException {
        Files.writeString(dir.resolve("docker-compose.yml"), text.replace("PORT", String.valueOf(port)));
        return this;
    }

    /** The usual web service: the image's start script, healthy once its health page answers. */
    public static String web(String extra) {
        return String.join("\n",
                "  web:",
                "    build: .",
                "    network_mode: host",
                "    init: true",
                "    pull_policy: never",
                "    command: [\"/bin/busybox\", \"sh\", \"/app/start\"]",
                "    healthcheck:",
                "      test: [\"CMD\", \"/bin/busybox\", \"wget\", \"-q\", \"-O\", \"/dev/null\", \"http://127.0.0.1:PORT/health.html\"]",
                "      interval: 500ms",
                "      timeout: 2s",
                "      retries: 3",
                extra,
                "");
    }

    /** Short waits, no pull (the base image is local and no registry is reachable), the record in reports/. */
    ComposeOptions options() {
        return new ComposeOptions().projectName(project).pull(false).waitTimeout(Duration.ofSeconds(60))
                .stableFor(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(250)).reportDir("reports");
    }

    Map<String, Object> rebuild(ComposeOptions options) throws IOException, InterruptedException {
        return new DockerRebuild(new LocalProcessRunner(), dir, engine.environment(), log::add, Timing.system())
                .run(options);
    }

    Map<String, Object> rollback(ComposeOptions options) throws IOException, InterruptedException {
        return new DockerRollback(new LocalProcessRunner(), dir, engine.environment(), log::add, Timing.system())
                .run(options);
    }

    /** What the web service answers now, or the error that says why it does not. */
    public String fetch() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body().trim();
        } catch (IOException e) {
            return "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The full id of the image the service's container was created from, as the daemon reports it. */
    public String runningImageId(String service) {
        String id = engine.dockerOk("ps", "--quiet", "--no-trunc", "--filter", "label=com.docker.compose.project="
                + project, "--filter", "label=com.docker.compose.service=" + service);
        return engine.dockerOk("inspect", "--format", "{{.Image}}", id);
    }

    String containerId(String service) {
        return engine.dockerOk("ps", "--all", "--quiet", "--no-trunc", "--filter", "label=com.docker.compose.project="
                + project, "--filter", "label=com.docker.compose.service=" + service);
    }

    /** The image id the rollback tag of a service points to, or null. */
    String keptImageId(String imageName, String service) {
        return engine.imageId(ContainerReader.rollbackTag(imageName, project, service));
    }

    JsonNode record(String step) throws IOException {
        return Json.MAPPER.readTree(dir.resolve("reports").resolve(step + ".json").toFile());
    }

    /** Containers and this project's images (rollback tags included) go; the engine stays for the next test. */
    @Override
    public void close() {
        engine.docker("compose", "--project-directory", dir.toString(), "-p", project, "down", "--timeout", "0",
                "--remove-orphans");
        String images = engine.docker("image", "ls", "--format", "{{.Repository}}:{{.Tag}}", "--filter",
                "reference=*" + project + "*").output().trim();
        String kept = engine.docker("image", "ls", "--format", "{{.Repository}}:{{.Tag}}", "--filter",
                "reference=*:deploy-gates-previous-" + project + "-*").output().trim();
        List<String> names = new ArrayList<>(List.of("image", "rm", "--force"));
        (images + "\n" + kept).lines().filter(l -> !l.isBlank()).distinct().forEach(names::add);
        if (names.size() > 3) {
            engine.docker(names.toArray(String[]::new));
        }
    }
}
