package io.jenkins.plugins.deploygates.engine.docker;

import static io.jenkins.plugins.deploygates.engine.docker.DockerRebuildTest.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What dockerRebuild says, on the console and in its record, when things go wrong. */
class DockerRebuildMessagesTest extends AgainstFakeDocker {
    JsonNode record() throws Exception {
        return Json.MAPPER.readTree(docker.project.resolve("reports/dockerRebuild.json").toFile());
    }

    @Test
    void terminalCodesReachNeitherTheConsoleNorTheRecord() throws Exception {
        rebuild(options());
        docker.mode("exit-at-once", "terminal-codes");
        assertThatThrownBy(() -> rebuild(options())).isInstanceOf(GateFailedException.class);
        docker.mode("build-error", "terminal-codes");

        assertThatThrownBy(() -> rebuild(options())).isInstanceOf(GateFailedException.class)
                .hasMessageContaining("(failed to solve: process").hasMessageNotContaining("\u001B");

        assertThat(log).contains("  shop-web-1  | Error: connect ECONNREFUSED 127.0.0.1:5432")
                .noneMatch(line -> line.contains("\u001B") || line.contains("\r"));
        assertThat(record().path("reason").asText()).startsWith("'docker compose build' exited with code 17 (failed")
                .doesNotContain("\u001B");
    }

    @Test
    void theRecordNamesTheProjectComposeChoseWhenNoneWasGiven() throws Exception {
        rebuild(new ComposeOptions().stableFor(Duration.ZERO).reportDir("reports"));

        assertThat(record().path("project").asText()).isEqualTo("project");
        assertThat(docker.calls()).contains(
                "docker ps --all --quiet --no-trunc --filter label=com.docker.compose.project=project");
    }

    @Test
    void aBuildFailureRecordListsTheServicesThatStillRun() throws Exception {
        Map<String, String> running = DockerRebuildTest.imageIds(rebuild(options()));
        docker.mode("build-error");

        assertThatThrownBy(() -> rebuild(options())).isInstanceOf(GateFailedException.class);

        JsonNode services = record().path("services");
        assertThat(services.size()).isEqualTo(3);
        for (JsonNode row : services) {
            assertThat(row.path("state").asText()).isEqualTo("running");
            assertThat(row.path("imageId").asText()).isEqualTo(running.get(row.path("service").asText()));
        }
        assertThat(record().has("keptForRollback")).isFalse();
    }

    @Test
    void aWaitTimeoutThatRunsOutIsNamed() throws Exception {
        rebuild(options());
        docker.mode("slow-start");

        assertThatThrownBy(() -> rebuild(options().waitTimeout(Duration.ofSeconds(5))))
                .isInstanceOf(GateFailedException.class)
                .hasMessageStartingWith("deploy failed: waitTimeout 5s ran out: container shop-web-1 is still starting "
                        + "(its healthcheck has not passed yet); rolled back to previous images");
        assertThat(log).contains("  application not healthy after 5s");
    }

    @Test
    void composeWithoutWaitPollsAStartingServiceUntilTheWaitTimeoutThenNamesIt() throws Exception {
        rebuild(options());
        timing.sleeps.clear();
        docker.set("FAKE_COMPOSE_VERSION", "2.16.0").mode("slow-start");

        assertThatThrownBy(() -> rebuild(options().waitTimeout(Duration.ofMillis(100))))
                .isInstanceOf(GateFailedException.class)
                .hasMessageStartingWith("deploy failed: waitTimeout 100ms ran out: container shop-web-1 is still "
                        + "starting (its healthcheck has not passed yet); rolled back");
        // 100ms polled every 20ms, then the rollback's 40ms of stableFor.
        assertThat(timing.sleeps).hasSize(7).containsOnly(Duration.ofMillis(20));
    }

    @Test
    void aDaemonChosenByTheEnvironmentIsNamed() {
        docker.mode("daemon-down");
        Map<String, String> env = new HashMap<>(docker.env());
        env.put("DOCKER_HOST", "tcp://10.1.2.3:2376");

        assertThatThrownBy(() -> rebuild(options(), env)).isInstanceOf(ConfigurationException.class)
                .hasMessage("The Docker daemon at tcp://10.1.2.3:2376 (DOCKER_HOST) cannot be reached (Cannot connect "
                        + "to the Docker daemon at tcp://10.1.2.3:2376. Is the docker daemon running?): start it, or "
                        + "point dockerHost or context at a running one.");
    }

    @Test
    void aServiceNameThatLooksLikeAnOptionIsRefusedBeforeDockerRuns() throws Exception {
        assertThatThrownBy(() -> rebuild(options().services(List.of("web", "--no-deps"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("service '--no-deps' is not a Compose service name: service names are letters, digits, "
                        + "'.', '_' and '-', starting with a letter or digit.");
        assertThat(docker.calls()).isEmpty();
    }

    @Test
    void serviceNamesComeAfterADoubleDashWhereComposeTakesOne() throws Exception {
        rebuild(options().services(List.of("web")));
        docker.mode("exit-at-once");
        assertThatThrownBy(() -> rebuild(options().services(List.of("web")))).isInstanceOf(GateFailedException.class);

        assertThat(docker.calls()).filteredOn(call -> call.contains(" compose ") && call.endsWith(" web"))
                .isNotEmpty().allMatch(call -> call.endsWith(" -- web"));
    }
}
