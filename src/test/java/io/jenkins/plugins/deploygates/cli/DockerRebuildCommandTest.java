package io.jenkins.plugins.deploygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.docker.FakeDocker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker-rebuild and docker-rollback through DeployGatesCli.run, against the fake docker, for every exit code. */
class DockerRebuildCommandTest {
    static final String C = "docker compose -f docker-compose.yml -p shop ";
    @TempDir
    Path root;
    FakeDocker docker;
    Supplier<Map<String, String>> realEnvironment;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        docker = new FakeDocker(root);
        realEnvironment = ComposeProjectOptions.environment;
        ComposeProjectOptions.environment = docker::env;
    }

    @AfterEach
    void tearDown() {
        ComposeProjectOptions.environment = realEnvironment;
    }

    int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--workdir", docker.project.toString(), "-p", "shop", "--stable-for", "40ms",
                "--poll-interval", "20ms"));
        out.reset();
        err.reset();
        return DeployGatesCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), all.toArray(String[]::new));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** One line, no stack trace. */
    void assertOneSentence() {
        assertThat(err().strip()).doesNotContain("\n").doesNotContain("\tat ");
    }

    @Test
    void passedDeployExitsZeroAndLeavesARecord() throws Exception {
        int code = run("docker-rebuild", "--cache", "--no-pull", "--service", "web");

        assertThat(code).isEqualTo(ExitCode.PASSED);
        assertThat(err()).isEmpty();
        assertThat(out()).contains("$ " + C + "build -- web", "dockerRebuild passed: web runs the image just built");
        JsonNode record = Json.MAPPER.readTree(
                docker.project.resolve("deploy-gates-reports/dockerRebuild.json").toFile());
        assertThat(record.path("verdict").asText()).isEqualTo("passed");
    }

    @Test
    void aStoppedCommandSaysSoInOneSentenceAndExitsOne() throws Exception {
        docker.mode("hang-build");
        int[] code = new int[1];
        Thread command = new Thread(() -> code[0] = run("docker-rebuild", "--command-timeout", "5m"));
        command.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (docker.calls().stream().noneMatch(call -> call.contains(" build")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        command.interrupt(); // what a stop signal does to the command's thread (StopSignalTest sends real ones)
        command.join(30_000);

        assertThat(code[0]).isEqualTo(ExitCode.FAILED);
        assertThat(err()).isEqualTo("docker-rebuild: stopped by an interrupt during the rebuild: 'docker compose build'"
                + " was killed; the running containers were not touched; record: "
                + docker.project.resolve("deploy-gates-reports/dockerRebuild.json") + "." + System.lineSeparator());
        assertThat(out()).contains("dockerRebuild stopped: 'docker compose build' was killed; the running containers "
                + "were not touched.");
    }

    @Test
    void failedDeployExitsOneAfterRollingBack() throws Exception {
        assertThat(run("docker-rebuild")).isEqualTo(ExitCode.PASSED);
        docker.mode("exit-at-once");

        int code = run("docker-rebuild", "--wait-timeout", "30s");

        assertThat(code).isEqualTo(ExitCode.FAILED);
        assertThat(err()).startsWith("docker-rebuild: deploy failed: container shop-web-1 is exited with "
                + "code 1; rolled back to previous images");
        assertOneSentence();
        assertThat(docker.calls()).contains(C + "up -d --force-recreate --remove-orphans --wait --wait-timeout 30",
                C + "up -d --force-recreate --no-build --wait --wait-timeout 30 -- web worker db");
    }

    @Test
    void noRollbackLeavesTheFailedContainers() throws Exception {
        assertThat(run("docker-rebuild")).isEqualTo(ExitCode.PASSED);
        docker.mode("never-healthy");

        assertThat(run("docker-rebuild", "--no-rollback")).isEqualTo(ExitCode.FAILED);
        assertThat(err()).contains("rollbackOnFailure is off");
        assertThat(docker.calls()).noneMatch(call -> call.contains("--no-build"));
    }

    @Test
    void badComposeFileExitsTwo() throws Exception {
        Files.writeString(docker.project.resolve("docker-compose.yml"), "services:\n\tweb:\n");

        assertThat(run("docker-rebuild")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).isEqualTo("docker-rebuild: file docker-compose.yml is not a valid compose file (yaml: line "
                + "2: did not find expected key): fix it and run again.\n");
    }

    @Test
    void unreachableDaemonExitsTwo() {
        docker.mode("daemon-down");

        assertThat(run("docker-rebuild", "--docker-host", "ssh://deploy@vps")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).startsWith("docker-rebuild: The Docker daemon at ssh://deploy@vps cannot be reached");
        assertOneSentence();
    }

    @Test
    void conflictingOptionsAreUsageErrors() {
        assertThat(run("docker-rebuild", "--cache", "--no-cache")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("--no-cache, --cache are mutually exclusive");
        assertThat(run("docker-rebuild", "--wait-timeout", "soon")).isEqualTo(ExitCode.USAGE);
        assertOneSentence();
    }

    @Test
    void reportDirThatIsAFileIsRefusedBeforeAnythingRuns() throws Exception {
        Files.writeString(docker.project.resolve("taken"), "a file");

        assertThat(run("docker-rebuild", "--report-dir", docker.project.resolve("taken").toString()))
                .isEqualTo(ExitCode.USAGE);
        assertThat(err()).isEqualTo("docker-rebuild: reportDir '" + docker.project.resolve("taken") + "' is not a "
                + "folder (" + docker.project.resolve("taken") + " is a file): choose a folder for the record.\n");
        assertThat(docker.calls()).isEmpty();
    }

    @Test
    void aMissingWorkdirIsNamedAsTheFolderNotBlamedOnTheFile() throws Exception {
        out.reset();
        err.reset();
        int code = DeployGatesCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "docker-rebuild", "--workdir", "/nonexistent");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err()).isEqualTo("docker-rebuild: --workdir /nonexistent is not a folder (it does not exist): give "
                + "the folder of your compose files.\n");
        assertThat(docker.calls()).isEmpty();
    }

    @Test
    void eachCommandSaysWhatItDoesWithItsServices() {
        assertThat(run("docker-rollback", "--help")).isEqualTo(ExitCode.PASSED);
        assertThat(out()).contains("Service to roll back; repeat for several").doesNotContain("deploy;");
        assertThat(run("docker-rebuild", "--help")).isEqualTo(ExitCode.PASSED);
        assertThat(out()).contains("Service to rebuild and deploy; repeat for several");
    }

    @Test
    void rollbackRestoresThePreviousImages() {
        assertThat(run("docker-rebuild")).isEqualTo(ExitCode.PASSED);
        assertThat(run("docker-rebuild")).isEqualTo(ExitCode.PASSED);

        assertThat(run("docker-rollback", "--service", "web")).isEqualTo(ExitCode.PASSED);
        assertThat(out()).contains("$ docker tag shop-web:deploy-gates-previous-shop-web shop-web", "dockerRollback passed");
    }

    @Test
    void rollbackWithNothingKeptExitsTwo() {
        assertThat(run("docker-rollback")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).startsWith("docker-rollback: There is no previous image to roll back to");
    }

    @Test
    void rollbackThatFailsVerificationExitsOne() {
        docker.mode("never-healthy");
        assertThat(run("docker-rebuild")).isEqualTo(ExitCode.FAILED);
        docker.mode();
        assertThat(run("docker-rebuild")).isEqualTo(ExitCode.PASSED);

        assertThat(run("docker-rollback")).isEqualTo(ExitCode.FAILED);
        assertThat(err()).isEqualTo("docker-rollback: rollback failed: container shop-web-1 is unhealthy (its "
                + "healthcheck does not pass).\n");
    }
}
