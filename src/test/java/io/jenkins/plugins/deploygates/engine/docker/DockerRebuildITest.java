package io.jenkins.plugins.deploygates.engine.docker;

import static io.jenkins.plugins.deploygates.engine.docker.RealComposeApp.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.testing.RealDockerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dockerRebuild against a real Docker engine with Compose v2 (the kit's, started by the suite): what the fake
 * docker cannot prove. Each test has its own project and port; images are tiny (busybox on a shared base).
 */
class DockerRebuildITest {
    static RealDockerEngine engine;

    @TempDir
    Path root;

    @BeforeAll
    static void engine() throws Exception {
        engine = RealDockerEngine.shared();
        engine.baseImage();
    }

    RealComposeApp app(String name) throws Exception {
        return new RealComposeApp(engine, root, name);
    }

    @Test
    void aFirstDeployWithTheDefaultsBuildsFromScratchAndServes() throws Exception {
        try (RealComposeApp app = app("first")) {
            app.release("first").compose("services:\n" + web(""));
            RealDockerEngine.copyBusybox(app.dir);
            Files.writeString(app.dir.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n"
                    + "COPY www /www\nCOPY start /app/start\n");

            // The defaults: --no-cache --pull (a scratch image has nothing to pull), stableFor 20s cut short here.
            Map<String, Object> result = app.rebuild(new ComposeOptions().projectName(app.project)
                    .stableFor(Duration.ofSeconds(1)).reportDir("reports"));

            assertThat(result).containsEntry("verdict", "passed").containsEntry("project", app.project);
            assertThat(app.fetch()).isEqualTo("first");
            assertThat(app.log).contains("No running containers yet: this first deployment cannot be rolled back.")
                    .anyMatch(line -> line.startsWith("Using Docker Compose v2 2."));
            assertThat(app.record("dockerRebuild").path("services").get(0).path("health").asText()).isEqualTo("healthy");
        }
    }

    @Test
    void newCodeIsProvenByTheImageIdAndTheOldOneIsKeptForRollback() throws Exception {
        try (RealComposeApp app = app("newcode")) {
            app.release("v1").compose("services:\n" + web(""));
            app.rebuild(app.options());
            String v1 = app.runningImageId("web");

            app.release("v2");
            Map<String, Object> result = app.rebuild(app.options());

            String v2 = app.runningImageId("web");
            assertThat(v2).isNotEqualTo(v1).isEqualTo(engine.imageId(app.project + "-web"));
            assertThat(DockerRebuildTest.imageIds(result).get("web")).isEqualTo(ContainerState.shortId(v2));
            assertThat(app.fetch()).isEqualTo("v2");
            assertThat(app.keptImageId(app.project + "-web", "web")).isEqualTo(v1);
        }
    }

    @Test
    void aBrokenBuildLeavesTheContainersAndTheRollbackTagAndQuotesTheRealError() throws Exception {
        try (RealComposeApp app = app("broken")) {
            // version: makes Compose print its "obsolete" warning before any error
            app.release("v1").compose("version: \"3.8\"\nservices:\n" + web(""));
            app.rebuild(app.options());
            String v1 = app.runningImageId("web");
            app.release("v2").rebuild(app.options());
            String container = app.containerId("web");

            Files.writeString(app.dir.resolve("Dockerfile"), "FROM " + engine.baseImage() + "\nCOPY missing.txt /www/\n"
                    + "COPY start /app/start\n");
            assertThatThrownBy(() -> app.rebuild(app.options())).isInstanceOf(GateFailedException.class)
                    .hasMessageStartingWith("deploy failed: 'docker compose build' exited with code ")
                    .hasMessageContaining("failed to solve").hasMessageNotContaining("obsolete")
                    .hasMessageEndingWith("; the running containers were not touched.");

            assertThat(app.containerId("web")).isEqualTo(container);
            assertThat(app.fetch()).isEqualTo("v2");
            assertThat(app.keptImageId(app.project + "-web", "web")).isEqualTo(v1);
            JsonNode record = app.record("dockerRebuild");
            assertThat(record.path("verdict").asText()).isEqualTo("failed");
            assertThat(record.path("services").get(0).path("state").asText()).isEqualTo("running");
        }
    }

    @Test
    void aContainerThatExitsIsRolledBack() throws Exception {
        try (RealComposeApp app = app("exits")) {
            app.release("v1").compose("services:\n" + web(""));
            app.rebuild(app.options());

            app.release("v2", "exit 1", true);
            assertThatThrownBy(() -> app.rebuild(app.options())).isInstanceOf(GateFailedException.class)
                    .hasMessageMatching("deploy failed: container " + app.project + "-web-1 is exited with code 1; "
                            + "rolled back to previous images \\(web [0-9a-f]{12}\\), which run and stayed up\\.");

            assertThat(app.fetch()).isEqualTo("v1");
            assertThat(app.log).contains("Last 100 log lines of web:", "After rollback:");
        }
    }

    @Test
    void anUnhealthyServiceIsRolledBack() throws Exception {
        try (RealComposeApp app = app("unhealthy")) {
            app.release("v1").compose("services:\n" + web(""));
            app.rebuild(app.options());

            app.release("v2", RealComposeApp.SERVES, false);
            assertThatThrownBy(() -> app.rebuild(app.options())).isInstanceOf(GateFailedException.class)
                    .hasMessageStartingWith("deploy failed: container " + app.project + "-web-1 is unhealthy (its "
                            + "healthcheck does not pass); rolled back to previous images")
                    .hasMessageEndingWith("which run and stayed up.");

            assertThat(app.fetch()).isEqualTo("v1");
        }
    }

    @Test
    void aCrashLoopThatFoolsWaitIsCaughtWithinStableFor() throws Exception {
        try (RealComposeApp app = app("crashloop")) {
            String compose = "services:\n" + web("    restart: always")
                    .replaceAll("(?s)    healthcheck:.*retries: 3\n", ""); // no healthcheck: --wait waits for "running"
            app.release("v1").compose(compose);
            app.rebuild(app.options());

            // Up (and answering) for a moment, then gone, again and again: --wait sees it running.
            app.release("v2", "/bin/busybox httpd -p 127.0.0.1:PORT -h /www; sleep 1; exit 1", true);
            assertThatThrownBy(() -> app.rebuild(app.options().stableFor(Duration.ofSeconds(6))))
                    .isInstanceOf(GateFailedException.class)
                    .hasMessageMatching("deploy failed: container " + app.project + "-web-1 (restarted \\d+ time\\(s\\) "
                            + "within stableFor 6s|is (restarting|exited with code 1)); rolled back to previous images .*"
                            + ", which run and stayed up\\.");

            assertThat(app.fetch()).isEqualTo("v1");
        }
    }

    @Test
    void aWaitTimeoutThatRunsOutIsNamed() throws Exception {
        try (RealComposeApp app = app("slow")) {
            String compose = "services:\n" + web("").replace("      retries: 3", "      retries: 3\n      start_period: 120s");
            app.release("v1").compose(compose);
            app.rebuild(app.options());

            app.release("v2", "sleep 60; " + RealComposeApp.SERVES, true);
            assertThatThrownBy(() -> app.rebuild(app.options().waitTimeout(Duration.ofSeconds(2))))
                    .isInstanceOf(GateFailedException.class)
                    .hasMessageStartingWith("deploy failed: waitTimeout 2s ran out: container " + app.project
                            + "-web-1 is still starting (its healthcheck has not passed yet); rolled back")
                    .hasMessageEndingWith("which run and stayed up.");

            assertThat(app.fetch()).isEqualTo("v1");
        }
    }

    @Test
    void aOneShotServiceThatExitsZeroPasses() throws Exception {
        try (RealComposeApp app = app("oneshot")) {
            app.release("v1").compose(String.join("\n",
                    "services:",
                    "  migrate:",
                    "    build: .",
                    "    network_mode: host",
                    "    pull_policy: never",
                    "    command: [\"/bin/busybox\", \"true\"]",
                    web("    depends_on:\n      migrate:\n        condition: service_completed_successfully")));

            Map<String, Object> result = app.rebuild(app.options());
            app.release("v2");
            app.rebuild(app.options());

            assertThat(result).containsEntry("verdict", "passed");
            assertThat(app.fetch()).isEqualTo("v2");
            assertThat(app.log).anyMatch(line -> line.endsWith("migrate (one-shot) completed with exit code 0."));
        }
    }

    @Test
    void aFullyQualifiedImageNameIsVerifiedByImageId() throws Exception {
        try (RealComposeApp app = app("qualified")) {
            String image = "docker.io/library/" + app.project + ":1";
            app.release("v1").compose("services:\n" + web("    image: " + image));
            app.rebuild(app.options());
            String v1 = app.runningImageId("web");

            app.release("v2");
            Map<String, Object> result = app.rebuild(app.options());

            assertThat(result).containsEntry("verdict", "passed");
            assertThat(app.fetch()).isEqualTo("v2");
            assertThat(app.keptImageId(image, "web")).isEqualTo(v1);
        }
    }

    @Test
    void anInterruptedBuildLeavesNoBuildRunningOnTheDaemon() throws Exception {
        try (RealComposeApp app = app("interrupted")) {
            app.release("v1").compose("services:\n" + web(""));
            app.rebuild(app.options());
            String marker = "deploy-gates-build-" + app.project;
            Files.writeString(app.dir.resolve("Dockerfile"), "FROM " + engine.baseImage() + "\nCOPY www /www\n"
                    + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"sleep 300; echo " + marker + "\"]\n");
            app.compose("services:\n" + web("").replace("    build: .", "    build: {context: ., network: host}"));

            Throwable[] failure = new Throwable[1];
            Thread deploy = new Thread(() -> {
                try {
                    app.rebuild(app.options());
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
            deploy.start();
            awaitProcesses(marker, true);
            deploy.interrupt(); // what an aborted Jenkins build does to the step
            deploy.join(60_000);

            assertThat(failure[0]).isInstanceOf(InterruptedException.class).hasMessage("'docker compose build' was "
                    + "killed; the running containers were not touched");
            assertThat(awaitProcesses(marker, false)).as("build steps still running on the daemon").isEmpty();
            assertThat(app.fetch()).isEqualTo("v1");
            assertThat(app.record("dockerRebuild").path("verdict").asText()).isEqualTo("interrupted");
        }
    }

    /** Waits (at most a minute) until processes whose command line holds {@code marker} are there, or gone. */
    private static List<ProcessHandle> awaitProcesses(String marker, boolean present) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<ProcessHandle> found;
        do {
            found = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)).toList();
            if (found.isEmpty() != present) {
                return found;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return found;
    }
}
