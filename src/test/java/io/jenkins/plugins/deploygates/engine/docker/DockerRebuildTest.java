package io.jenkins.plugins.deploygates.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dockerRebuild against the fake docker: exact command sequences and verdicts, failure by failure. */
class DockerRebuildTest extends AgainstFakeDocker {
    static final String C = "docker compose -f docker-compose.yml -p shop ";
    static final List<String> OPENING = List.of("docker compose version --short", C + "config --format json");
    static final String PS = "docker ps --all --quiet --no-trunc --filter label=com.docker.compose.project=shop";
    static final List<String> SNAPSHOT = List.of(PS, "docker inspect <id> <id> <id>");
    /** The tags run side by side; {@link FakeDocker#calls()} lists them in text order. */
    static final List<String> KEEP = List.of("docker tag <id> postgres:deploy-gates-previous-shop-db",
            "docker tag <id> shop-web:deploy-gates-previous-shop-web",
            "docker tag <id> shop-worker:deploy-gates-previous-shop-worker");
    static final String BUILD = C + "build --no-cache --pull";
    static final String UP = C + "up -d --force-recreate --remove-orphans --wait --wait-timeout 180";
    static final String IMAGES = "docker image inspect --format {{.Id}} shop-web shop-worker postgres:16";
    static final List<String> RESTORE = List.of("docker tag postgres:deploy-gates-previous-shop-db postgres:16",
            "docker tag shop-web:deploy-gates-previous-shop-web shop-web",
            "docker tag shop-worker:deploy-gates-previous-shop-worker shop-worker",
            C + "up -d --force-recreate --no-build --wait --wait-timeout 180 -- web worker db");

    static ComposeOptions options() {
        return new ComposeOptions().projectName("shop").stableFor(Duration.ofMillis(40))
                .pollInterval(Duration.ofMillis(20)).reportDir("reports");
    }

    /** A first deployment, so the next one has previous images to keep. */
    Map<String, String> deployedOnce() throws Exception {
        Map<String, String> images = imageIds(rebuild(options()));
        docker.clearCalls();
        log.clear();
        timing.sleeps.clear();
        return images;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> imageIds(Map<String, Object> result) {
        Map<String, String> ids = new java.util.LinkedHashMap<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) result.get("services")) {
            ids.put((String) row.get("service"), (String) row.get("imageId"));
        }
        return ids;
    }

    JsonNode record() throws Exception {
        return Json.MAPPER.readTree(docker.project.resolve("reports/dockerRebuild.json").toFile());
    }

    static List<String> seq(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Collection<?> c) {
                c.forEach(x -> out.add((String) x));
            } else {
                out.add((String) part);
            }
        }
        return out;
    }

    /** Verification with --wait: one look with the image ids, then one per poll until stableFor (40ms / 20ms). */
    static List<String> verified() {
        return seq(SNAPSHOT, IMAGES, SNAPSHOT, SNAPSHOT);
    }

    @Test
    void firstDeploymentBuildsRecreatesAndVerifies() throws Exception {
        Map<String, Object> result = rebuild(options());

        assertThat(docker.calls()).containsExactlyElementsOf(seq(OPENING, PS, BUILD, UP, verified()));
        assertThat(result).containsEntry("verdict", "passed").containsEntry("rolledBack", false)
                .containsEntry("compose", "Docker Compose v2 2.29.7 (docker compose)");
        assertThat(imageIds(result)).containsOnlyKeys("web", "worker", "db");
        assertThat(log).contains("$ " + UP, "Using Docker Compose v2 2.29.7 (docker compose).",
                "No running containers yet: this first deployment cannot be rolled back.");
        assertThat(String.join("\n", log)).containsPattern(
                "SERVICE +CONTAINER +STATE +HEALTH +IMAGE ID +RESTARTS\n +web +shop-web-1 +running +healthy +[0-9a-f]{12} +0");
        assertThat(timing.sleeps).containsExactly(Duration.ofMillis(20), Duration.ofMillis(20));
        assertThat(record().path("verdict").asText()).isEqualTo("passed");
    }

    @Test
    void secondDeploymentKeepsThePreviousImagesAndRunsNewOnes() throws Exception {
        Map<String, String> before = deployedOnce();

        Map<String, Object> result = rebuild(options());

        // the images just built are read beside the tags, so the looks after up need no image lookup of their own
        assertThat(docker.calls()).containsExactlyElementsOf(seq(OPENING, SNAPSHOT, BUILD, IMAGES, KEEP, UP, SNAPSHOT,
                SNAPSHOT, SNAPSHOT));
        Map<String, String> after = imageIds(result);
        assertThat(after.get("web")).isNotEqualTo(before.get("web"));
        assertThat(after.get("worker")).isNotEqualTo(before.get("worker"));
        assertThat(after.get("db")).isEqualTo(before.get("db"));
    }

    @Test
    void buildErrorLeavesTheRunningContainersAlone() throws Exception {
        deployedOnce();
        docker.mode("build-error");

        assertThatThrownBy(() -> rebuild(options())).isInstanceOf(GateFailedException.class).hasMessage(
                "deploy failed: 'docker compose build' exited with code 17 (failed to solve: process "
                        + "\"/bin/sh -c npm ci\" did not complete successfully: exit code: 1); the running containers "
                        + "were not touched.");
        assertThat(docker.calls()).containsExactlyElementsOf(seq(OPENING, SNAPSHOT, BUILD));
        assertThat(record().path("verdict").asText()).isEqualTo("failed");
    }

    @Test
    void containerThatExitsAtOnceIsRolledBackWithItsLastLogLines() throws Exception {
        Map<String, String> before = deployedOnce();
        docker.mode("exit-at-once");

        assertThatThrownBy(() -> rebuild(options())).isInstanceOf(GateFailedException.class)
                .hasMessageStartingWith("deploy failed: container shop-web-1 is exited with code 1; "
                        + "rolled back to previous images (web " + before.get("web"))
                .hasMessageEndingWith("which run and stayed up.");

        assertThat(docker.calls()).containsExactlyElementsOf(seq(OPENING, SNAPSHOT, BUILD, IMAGES, KEEP, UP, SNAPSHOT,
                C + "logs --no-color --tail 100 -- web", RESTORE, verified()));
        assertThat(log).contains("Last 100 log lines of web:", "  shop-web-1  | log line 052",
                "  shop-web-1  | Error: connect ECONNREFUSED 127.0.0.1:5432", "After rollback:")
                .doesNotContain("  shop-web-1  | log line 051");
        JsonNode record = record();
        assertThat(record.path("rolledBack").asBoolean()).isTrue();
        assertThat(record.path("rollback").path("verdict").asText()).isEqualTo("passed");
        assertThat(record.path("services").get(0).path("state").asText()).isEqualTo("exited");
        assertThat(record.path("rollback").path("services").get(0).path("imageId").asText())
                .isEqualTo(before.get("web"));
    }

    @Test
    void healthcheckThatNeverPassesFailsAndRollsBack() throws Exception {
        deployedOnce();
        docker.mode("never-healthy");

        assertThatThrownBy(() -> rebuild(options())).isInstanceOf(GateFailedException.class)
                .hasMessageStartingWith("deploy failed: container shop-web-1 is unhealthy (its healthcheck "
                        + "does not pass); rolled back to previous images");
        assertThat(docker.calls()).containsExactlyElementsOf(seq(OPENING, SNAPSHOT, BUILD, IMAGES, KEEP, UP, SNAPSHOT,
                C + "logs --no-color --tail 100 -- web", RESTORE, verified()));
    }

    @Test
    void restartLoopThatFoolsWaitIsCaughtWithinStableFor() throws Exception {
        deployedOnce();
        docker.mode("restart-loop");

        assertThatThrownBy(() -> rebuild(options())).isInstanceOf(GateFailedException.class)
                .hasMessageStartingWith("deploy failed: container shop-web-1 restarted 1 time(s) within "
                        + "stableFor 40ms; rolled back to previous images");
        assertThat(docker.calls()).containsExactlyElementsOf(seq(OPENING, SNAPSHOT, BUILD, IMAGES, KEEP, UP, SNAPSHOT,
                SNAPSHOT, C + "logs --no-color --tail 100 -- web", RESTORE, verified()));
    }

    @Test
    void oldContainerKeptByUpIsCaughtByItsImageId() throws Exception {
        Map<String, String> before = deployedOnce();
        docker.mode("old-container-kept");

        assertThatThrownBy(() -> rebuild(options())).isInstanceOf(GateFailedException.class)
                .hasMessageStartingWith("deploy failed: container shop-web-1 still runs image "
                        + before.get("web") + ", not ")
                .hasMessageContaining("that shop-web points to now; rolled back to previous images");
        assertThat(docker.calls()).containsExactlyElementsOf(seq(OPENING, SNAPSHOT, BUILD, IMAGES, KEEP, UP, SNAPSHOT,
                C + "logs --no-color --tail 100 -- web", RESTORE, verified()));
    }

    @Test
    void withoutRollbackTheFailureIsReportedAndNothingIsRestored() throws Exception {
        deployedOnce();
        docker.mode("exit-at-once");

        assertThatThrownBy(() -> rebuild(options().rollbackOnFailure(false))).isInstanceOf(GateFailedException.class)
                .hasMessage("deploy failed: container shop-web-1 is exited with code 1; rollbackOnFailure is "
                        + "off, so the new containers were left as they are.");
        assertThat(docker.calls()).containsExactlyElementsOf(seq(OPENING, SNAPSHOT, BUILD, IMAGES, KEEP, UP, SNAPSHOT,
                C + "logs --no-color --tail 100 -- web"));
    }

    @Test
    void firstDeploymentThatFailsHasNothingToRollBackTo() throws Exception {
        docker.mode("exit-at-once");

        assertThatThrownBy(() -> rebuild(options())).isInstanceOf(GateFailedException.class)
                .hasMessage("deploy failed: container shop-web-1 is exited with code 1; there were no previous "
                        + "images to roll back to (first deployment).");
    }

    @Test
    void rollbackThatFailsTooIsReported() throws Exception {
        docker.mode("never-healthy");
        assertThatThrownBy(() -> rebuild(options().rollbackOnFailure(false))).isInstanceOf(GateFailedException.class);
        docker.clearCalls();

        assertThatThrownBy(() -> rebuild(options())).isInstanceOf(GateFailedException.class)
                .hasMessageEndingWith("but they fail too: container shop-web-1 is unhealthy (its healthcheck does "
                        + "not pass).");
        assertThat(record().path("rollback").path("verdict").asText()).isEqualTo("failed");
    }

    @Test
    void composeConfigRunsBesideTheVersionCheck() throws Exception {
        docker.set("FAKE_VERSION_AWAITS_CONFIG", "1"); // the fake's version answers only once a config has started

        assertThat(rebuild(options())).containsEntry("verdict", "passed");
    }

    @Test
    void theRollbackTagsAndTheLookAtTheNewImagesRunSideBySide() throws Exception {
        deployedOnce();
        docker.set("FAKE_SIDE_BY_SIDE", "4"); // each tag and image lookup answers once all four have started

        assertThat(rebuild(options())).containsEntry("verdict", "passed");
        assertThat(docker.calls()).containsSubsequence(BUILD, IMAGES, KEEP.get(0), UP, PS);
    }

    @Test
    void theFirstLookAtTheContainersRunsBesideComposeConfig() throws Exception {
        docker.set("FAKE_CONFIG_AWAITS_PS", "1"); // the fake's config answers only once a docker ps has started

        assertThat(rebuild(options())).containsEntry("verdict", "passed");
        // printed where it would have run, after Compose was found
        assertThat(log).containsSubsequence("Using Docker Compose v2 2.29.7 (docker compose).", "$ " + PS,
                "$ " + BUILD);
    }

    @Test
    void aProjectNamedInItsFileIsLookedAtUnderThatName() throws Exception {
        // no -p: the early look guesses the folder's name, the file's name: wins, and the look is taken again
        Path file = docker.project.resolve("docker-compose.yml");
        Files.writeString(file, "name: storefront\n" + Files.readString(file));
        ComposeOptions unnamed = new ComposeOptions().stableFor(Duration.ofMillis(40))
                .pollInterval(Duration.ofMillis(20)).reportDir("reports");
        rebuild(unnamed);
        log.clear();

        Map<String, Object> result = rebuild(unnamed);

        assertThat(result).containsEntry("verdict", "passed").containsEntry("project", "storefront");
        String storefront = "$ docker ps --all --quiet --no-trunc --filter label=com.docker.compose.project=storefront";
        assertThat(log.stream().filter(line -> line.startsWith("$ docker ps"))).first().isEqualTo(storefront);
        // what it found is what was running: the images about to be replaced are kept for rollback
        assertThat(docker.calls()).contains("docker tag <id> storefront-web:deploy-gates-previous-storefront-web");
    }

    @Test
    void composeV1IsUsedWhenV2IsMissingAndPolledWithoutWait() throws Exception {
        docker.withComposeV1().mode("no-v2");

        Map<String, Object> result = rebuild(options());

        String v1 = "docker-compose -f docker-compose.yml -p shop ";
        List<String> snapshot = List.of(v1 + "ps --all -q", "docker inspect <id> <id> <id>");
        // v2's config and first look, started beside the version check, are stopped once v1 is found: they may not
        // have run at all
        assertThat(docker.calls().stream().filter(c -> !c.equals(OPENING.get(1)) && !c.equals(PS)))
                .containsExactlyElementsOf(seq(
                "docker compose version --short", "docker-compose version --short", v1 + "config --quiet",
                v1 + "config --services", v1 + "ps --all -q", v1 + "build --no-cache --pull",
                v1 + "up -d --force-recreate --remove-orphans", snapshot,
                "docker image inspect --format {{.Id}} shop_web shop_worker postgres:16", snapshot, snapshot));
        assertThat(result).containsEntry("verdict", "passed")
                .containsEntry("compose", "Docker Compose v1 1.29.2 (docker-compose)");
        assertThat(log).contains("Using Docker Compose v1 1.29.2 (docker-compose).");
    }

    @Test
    void composeWithoutWaitTimeoutIsPolledUntilTheServicesAreUp() throws Exception {
        deployedOnce();
        docker.set("FAKE_COMPOSE_VERSION", "2.16.0").mode("exit-at-once");

        assertThatThrownBy(() -> rebuild(options().waitTimeout(Duration.ofMillis(100))))
                .isInstanceOf(GateFailedException.class)
                .hasMessageStartingWith("deploy failed: container shop-web-1 is exited with code 1;");
        List<String> calls = docker.calls();
        assertThat(calls).contains(C + "up -d --force-recreate --remove-orphans",
                C + "up -d --force-recreate --no-build -- web worker db");
        // An exited container is final: no polling for the rest of waitTimeout, straight to the rollback.
        assertThat(timing.sleeps).containsExactly(Duration.ofMillis(20), Duration.ofMillis(20));
    }

    @Test
    void exitedContainerOfComposeRunIsNotTheService() throws Exception {
        docker.mode("stale-run-container");

        Map<String, Object> result = rebuild(options());

        assertThat(result).containsEntry("verdict", "passed");
        assertThat(docker.calls()).contains("docker inspect <id> <id> <id> <id>");
        assertThat(imageIds(result)).containsOnlyKeys("web", "worker", "db");
    }

    @Test
    void olderComposePrintsPsAsOneArray() throws Exception {
        docker.set("FAKE_COMPOSE_PS_ARRAY", "1");

        assertThat(rebuild(options())).containsEntry("verdict", "passed");
    }

    @Test
    void buildSecretsAndArgsTravelInTheEnvironmentAndAreMasked() throws Exception {
        docker.set("NPM_TOKEN", "npm_s3cr3tT0ken").set("GIT_SHA", "abc1234");

        rebuild(options().buildSecrets(List.of("NPM_TOKEN")).buildArgs(List.of("GIT_SHA")));

        assertThat(docker.calls()).contains(C + "build --no-cache --pull --build-arg GIT_SHA");
        assertThat(docker.calls()).noneMatch(call -> call.contains("npm_s3cr3tT0ken") || call.contains("abc1234"));
        JsonNode seen = Json.MAPPER.readTree(docker.read("build-env.json"));
        assertThat(seen.path("build_args").path("GIT_SHA").asText()).isEqualTo("abc1234");
        assertThat(seen.path("secrets").path("npm_token").asText()).isEqualTo("npm_s3cr3tT0ken");
        assertThat(String.join("\n", log)).doesNotContain("npm_s3cr3tT0ken")
                .contains("RUN --mount=type=secret,id=npm_token echo ****");
    }

    @Test
    void buildSecretMissingFromTheEnvironmentIsAConfigurationError() {
        assertThatThrownBy(() -> rebuild(options().buildSecrets(List.of("NPM_TOKEN"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("buildSecrets names NPM_TOKEN but no such environment variable is set: set it (for "
                        + "example with withCredentials) first.");
    }

    @Test
    void unreachableDaemonIsOneSentenceNamingTheHost() throws Exception {
        docker.mode("daemon-down");

        assertThatThrownBy(() -> rebuild(options().dockerHost("ssh://deploy@vps.example")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The Docker daemon at ssh://deploy@vps.example cannot be reached (Cannot connect to the "
                        + "Docker daemon at ssh://deploy@vps.example. Is the docker daemon running?): start it, or "
                        + "point dockerHost or context at a running one.");
        assertThat(docker.calls()).containsExactlyElementsOf(seq(OPENING, PS));
        assertThat(docker.read("env.log")).contains("\"DOCKER_HOST\": \"ssh://deploy@vps.example\"");
        assertThat(log).contains("$ DOCKER_HOST=ssh://deploy@vps.example " + PS);
    }

    @Test
    void missingDockerIsOneSentence() {
        assertThatThrownBy(() -> new DockerRebuild(new LocalProcessRunner(), docker.project,
                Map.of("PATH", root.resolve("empty").toString()), log::add, timing).run(options()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("docker was not found on the PATH of this machine: install the Docker CLI there or add "
                        + "its folder to PATH.");
    }

    @Test
    void missingComposeIsOneSentence() {
        docker.mode("no-v2");

        assertThatThrownBy(() -> rebuild(options())).isInstanceOf(ConfigurationException.class)
                .hasMessage("Docker Compose is not installed ('docker compose' said: docker: unknown command: docker "
                        + "compose, and there is no docker-compose): install the Docker Compose plugin.");
    }

    @Test
    void badComposeFileIsOneSentence() throws Exception {
        java.nio.file.Files.writeString(docker.project.resolve("docker-compose.yml"),
                "services:\n  web:\n   build: .\n");

        assertThatThrownBy(() -> rebuild(options())).isInstanceOf(ConfigurationException.class)
                .hasMessage("file docker-compose.yml is not a valid compose file (yaml: line 3: did not find "
                        + "expected key): fix it and run again.");
    }

    @Test
    void missingComposeFileAndUnknownServiceAreConfigurationErrors() {
        assertThatThrownBy(() -> rebuild(options().files(List.of("prod.yml"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("file 'prod.yml' does not exist in /");
        assertThatThrownBy(() -> rebuild(options().files(List.of("/nowhere/prod.yml"))))
                .hasMessage("file '/nowhere/prod.yml' does not exist: set file to the compose file of your project.");
        assertThatThrownBy(() -> rebuild(options().services(List.of("api"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("service 'api' is not in docker-compose.yml: use one of web, worker, db.");
    }

    @Test
    void onlyTheChosenServicesAreBuiltAndVerified() throws Exception {
        Map<String, Object> result = rebuild(options().services(List.of("web")).noCache(false).pull(false)
                .removeOrphans(false));

        assertThat(docker.calls()).contains(C + "build -- web",
                C + "up -d --force-recreate --wait --wait-timeout 180 -- web",
                "docker image inspect --format {{.Id}} shop-web");
        assertThat(imageIds(result)).containsOnlyKeys("web");
    }

    @Test
    void dockerThatHangsIsStoppedAtTheCommandTimeout() throws Exception {
        deployedOnce();
        docker.mode("hang-build");
        long start = System.nanoTime();

        assertThatThrownBy(() -> rebuild(options().commandTimeout(Duration.ofMillis(1000))))
                .isInstanceOf(GateFailedException.class)
                .hasMessage("deploy failed: 'docker compose build' did not finish within 1s and was "
                        + "stopped; the running containers were not touched.");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void daemonThatDoesNotAnswerIsStoppedAtTheCommandTimeout() {
        docker.mode("hang-daemon");

        assertThatThrownBy(() -> rebuild(options().dockerHost("ssh://deploy@10.0.0.9").commandTimeout(Duration.ofMillis(1000))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The Docker daemon at ssh://deploy@10.0.0.9 did not answer: 'docker ps' did not finish "
                        + "within 1s and was stopped; check dockerHost, context and the daemon.");
    }

    @Test
    void upThatHangsIsStoppedAndRolledBack() throws Exception {
        deployedOnce();
        docker.mode("hang-up");

        assertThatThrownBy(() -> rebuild(options().commandTimeout(Duration.ofMillis(1000))))
                .isInstanceOf(GateFailedException.class)
                .hasMessageContaining("still runs image")
                .hasMessageContaining("rolled back to previous images");
    }
}
