package io.jenkins.plugins.deploygates.engine.docker;

import static io.jenkins.plugins.deploygates.engine.docker.DockerRebuildTest.C;
import static io.jenkins.plugins.deploygates.engine.docker.DockerRebuildTest.imageIds;
import static io.jenkins.plugins.deploygates.engine.docker.DockerRebuildTest.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compose files as people write them: registry-qualified image names, one-shot services, a `version:` line. */
class DockerRebuildComposeShapesTest extends AgainstFakeDocker {
    static final String ONE_SHOT = String.join("\n",
            "services:",
            "  migrate:",
            "    build: .",
            "    command: [\"/bin/busybox\", \"true\"]",
            "  web:",
            "    build: .",
            "    healthcheck:",
            "      test: [\"CMD\", \"true\"]",
            "    depends_on:",
            "      migrate:",
            "        condition: service_completed_successfully",
            "");

    void compose(String text) throws Exception {
        Files.writeString(docker.project.resolve("docker-compose.yml"), text);
    }

    @Test
    void aFullyQualifiedImageNameIsComparedByImageId() throws Exception {
        compose("services:\n  web:\n    image: docker.io/library/app:1\n    build: .\n");
        rebuild(options());

        Map<String, Object> result = rebuild(options());

        assertThat(result).containsEntry("verdict", "passed");
        assertThat(docker.calls()).contains("docker image inspect --format {{.Id}} docker.io/library/app:1",
                "docker tag <id> docker.io/library/app:deploy-gates-previous-shop-web");
    }

    @Test
    void aOneShotServiceThatExitsZeroPassesAndTheServiceWaitingForItIsVerified() throws Exception {
        compose(ONE_SHOT);

        Map<String, Object> result = rebuild(options());

        assertThat(result).containsEntry("verdict", "passed");
        assertThat(imageIds(result)).containsOnlyKeys("migrate", "web");
        assertThat(log).contains("dockerRebuild passed: web runs the image just built and stayed up for 40ms; "
                + "migrate (one-shot) completed with exit code 0.");
    }

    @Test
    void aOneShotServiceThatFailsFailsTheDeploy() throws Exception {
        compose(ONE_SHOT);
        rebuild(options());
        docker.set("FAKE_DOCKER_SERVICE", "migrate").mode("exit-at-once");

        assertThatThrownBy(() -> rebuild(options())).isInstanceOf(GateFailedException.class)
                .hasMessageStartingWith("deploy failed: one-shot container shop-migrate-1 exited with code 1; rolled "
                        + "back to previous images");
    }

    @Test
    void theVersionWarningDoesNotHideTheBuildError() throws Exception {
        compose("version: \"3.8\"\n" + FakeDocker.COMPOSE);
        rebuild(options());
        docker.mode("build-error");

        assertThatThrownBy(() -> rebuild(options())).isInstanceOf(GateFailedException.class)
                .hasMessage("deploy failed: 'docker compose build' exited with code 17 (failed to solve: process "
                        + "\"/bin/sh -c npm ci\" did not complete successfully: exit code: 1); the running containers "
                        + "were not touched.");
        assertThat(docker.calls()).contains(C + "build --no-cache --pull");
    }
}
