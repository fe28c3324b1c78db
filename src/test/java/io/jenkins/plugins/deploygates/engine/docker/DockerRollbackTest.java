package io.jenkins.plugins.deploygates.engine.docker;

import static io.jenkins.plugins.deploygates.engine.docker.DockerRebuildTest.C;
import static io.jenkins.plugins.deploygates.engine.docker.DockerRebuildTest.OPENING;
import static io.jenkins.plugins.deploygates.engine.docker.DockerRebuildTest.SNAPSHOT;
import static io.jenkins.plugins.deploygates.engine.docker.DockerRebuildTest.imageIds;
import static io.jenkins.plugins.deploygates.engine.docker.DockerRebuildTest.options;
import static io.jenkins.plugins.deploygates.engine.docker.DockerRebuildTest.seq;
import static io.jenkins.plugins.deploygates.engine.docker.DockerRebuildTest.verified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dockerRollback on demand: puts back what the last dockerRebuild kept. */
class DockerRollbackTest extends AgainstFakeDocker {
    static final String TAGS = "docker image inspect --format {{.Id}} shop-web:deploy-gates-previous-shop-web "
            + "shop-worker:deploy-gates-previous-shop-worker postgres:deploy-gates-previous-shop-db";

    Map<String, Object> rebuild() throws Exception {
        return rebuild(options());
    }

    @Test
    void restoresTheImagesKeptByTheLastRebuild() throws Exception {
        Map<String, String> first = imageIds(rebuild());
        Map<String, String> second = imageIds(rebuild());
        docker.clearCalls();

        Map<String, Object> result = rollback(options());

        assertThat(second.get("web")).isNotEqualTo(first.get("web"));
        assertThat(imageIds(result)).isEqualTo(first);
        assertThat(result).containsEntry("verdict", "passed").containsEntry("rolledBack", true);
        // db runs postgres:16 throughout: it already runs the image kept for it and is left alone.
        assertThat(docker.calls()).containsExactlyElementsOf(seq(OPENING, SNAPSHOT, TAGS,
                "docker tag shop-web:deploy-gates-previous-shop-web shop-web",
                "docker tag shop-worker:deploy-gates-previous-shop-worker shop-worker",
                C + "up -d --force-recreate --no-build --wait --wait-timeout 180 -- web worker",
                SNAPSHOT, "docker image inspect --format {{.Id}} shop-web shop-worker", SNAPSHOT, SNAPSHOT));
        assertThat(log).contains("db " + first.get("db") + ": already the image kept for rollback; left as it is.")
                .anyMatch(line -> line.startsWith("dockerRollback passed: web " + first.get("web")));
    }

    @Test
    void rollsBackOnlyTheChosenServices() throws Exception {
        Map<String, String> first = imageIds(rebuild());
        rebuild();
        docker.clearCalls();

        Map<String, Object> result = rollback(options().services(List.of("web")));

        assertThat(docker.calls()).contains(
                "docker image inspect --format {{.Id}} shop-web:deploy-gates-previous-shop-web",
                "docker tag shop-web:deploy-gates-previous-shop-web shop-web",
                C + "up -d --force-recreate --no-build --wait --wait-timeout 180 -- web");
        assertThat(imageIds(result).get("web")).isEqualTo(first.get("web"));
        assertThat(imageIds(result).get("worker")).isNotEqualTo(first.get("worker"));
    }

    @Test
    void aFailedBuildLeavesTheRollbackTagOnTheReleaseBefore() throws Exception {
        Map<String, String> first = imageIds(rebuild());
        Map<String, String> second = imageIds(rebuild());
        docker.mode("build-error");
        assertThatThrownBy(this::rebuild).isInstanceOf(GateFailedException.class);
        docker.mode();

        Map<String, Object> result = rollback(options());

        assertThat(imageIds(result).get("web")).isEqualTo(first.get("web")).isNotEqualTo(second.get("web"));
        assertThat(imageIds(result).get("worker")).isEqualTo(first.get("worker"));
    }

    @Test
    void whenTheKeptImageIsTheOneRunningRollbackSaysSoAndFails() throws Exception {
        Map<String, String> first = imageIds(rebuild());
        rebuild();
        rollback(options());
        docker.clearCalls();

        assertThatThrownBy(() -> rollback(options())).isInstanceOf(ConfigurationException.class)
                .hasMessage("web, worker, db already run the images kept for rollback (web " + first.get("web")
                        + ", worker " + first.get("worker") + ", db " + first.get("db") + "): there is nothing older "
                        + "to go back to, so nothing was changed.");
        assertThat(docker.calls()).noneMatch(call -> call.contains(" tag ") || call.contains(" up "));
        JsonNode record = Json.MAPPER.readTree(docker.project.resolve("reports/dockerRollback.json").toFile());
        assertThat(record.path("verdict").asText()).isEqualTo("failed");
        assertThat(record.path("reason").asText()).startsWith("web, worker, db already run the images kept");
    }

    @Test
    void nothingKeptIsAConfigurationError() throws Exception {
        rebuild();

        assertThatThrownBy(() -> rollback(options())).isInstanceOf(ConfigurationException.class)
                .hasMessage("There is no previous image to roll back to for web, worker, db: dockerRebuild keeps one "
                        + "(tagged deploy-gates-previous) only when it replaces running containers.");
    }

    @Test
    void previousImagesThatFailVerificationFailTheRollback() throws Exception {
        docker.mode("never-healthy");
        assertThatThrownBy(this::rebuild).isInstanceOf(GateFailedException.class);
        docker.mode();
        rebuild();

        assertThatThrownBy(() -> rollback(options())).isInstanceOf(GateFailedException.class)
                .hasMessage("rollback failed: container shop-web-1 is unhealthy (its healthcheck does not pass).");
    }
}
