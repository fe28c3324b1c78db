package io.jenkins.plugins.deploygates.engine.docker;

import static io.jenkins.plugins.deploygates.engine.docker.RealComposeApp.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.testing.RealDockerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dockerRollback, and a daemon that is not there, against real Docker engines started by the suite. */
class DockerRollbackITest {
    static RealDockerEngine engine;

    @TempDir
    Path root;

    @BeforeAll
    static void engine() throws Exception {
        engine = RealDockerEngine.shared();
        engine.baseImage();
    }

    @Test
    void afterAGoodRebuildRollbackPutsBackTheReleaseBeforeAndThenHasNothingOlder() throws Exception {
        try (RealComposeApp app = new RealComposeApp(engine, root, "rollback-good")) {
            app.release("v1").compose("services:\n" + web(""));
            app.rebuild(app.options());
            String v1 = app.runningImageId("web");
            app.release("v2").rebuild(app.options());

            Map<String, Object> result = app.rollback(app.options());

            assertThat(result).containsEntry("verdict", "passed").containsEntry("rolledBack", true);
            assertThat(app.runningImageId("web")).isEqualTo(v1);
            assertThat(app.fetch()).isEqualTo("v1");
            assertThatThrownBy(() -> app.rollback(app.options())).isInstanceOf(ConfigurationException.class)
                    .hasMessage("web already runs the image kept for rollback (web " + ContainerState.shortId(v1)
                            + "): there is nothing older to go back to, so nothing was changed.");
            assertThat(app.fetch()).isEqualTo("v1");
        }
    }

    @Test
    void afterAFailedRebuildRollbackPutsBackTheReleaseBeforeTheLastGoodOne() throws Exception {
        try (RealComposeApp app = new RealComposeApp(engine, root, "rollback-failed")) {
            app.release("v1").compose("services:\n" + web(""));
            app.rebuild(app.options());
            String v1 = app.runningImageId("web");
            app.release("v2").rebuild(app.options());
            Files.writeString(app.dir.resolve("Dockerfile"), "FROM " + engine.baseImage() + "\nCOPY missing.txt /\n");
            assertThatThrownBy(() -> app.rebuild(app.options())).isInstanceOf(GateFailedException.class);

            app.rollback(app.options());

            assertThat(app.runningImageId("web")).isEqualTo(v1);
            assertThat(app.fetch()).isEqualTo("v1");
        }
    }

    @Test
    void aStoppedDaemonIsOneSentenceNamingItAndTheRecordSaysSo() throws Exception {
        RealDockerEngine stopped = RealDockerEngine.startPrivate("docker-stopped");
        stopped.stop();
        RealComposeApp app = new RealComposeApp(stopped, root, "stopped");
        Files.writeString(app.dir.resolve("Dockerfile"), "FROM scratch\n");
        app.compose("services:\n" + web(""));
        String socket = stopped.dockerHost();

        assertThatThrownBy(() -> app.rebuild(app.options())).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("The Docker daemon at " + socket + " (DOCKER_HOST) cannot be reached (")
                .hasMessageEndingWith("): start it, or point dockerHost or context at a running one.")
                .hasMessageNotContaining("\n");
        assertThat(app.record("dockerRebuild").path("verdict").asText()).isEqualTo("failed");
        assertThatThrownBy(() -> app.rollback(app.options())).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("The Docker daemon at " + socket + " (DOCKER_HOST) cannot be reached (");
    }
}
