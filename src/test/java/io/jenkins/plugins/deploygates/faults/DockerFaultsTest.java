package io.jenkins.plugins.deploygates.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.cli.CliEnvironment;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.docker.FakeDocker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code docker} that hangs, through the command line against the fake docker, with a one-second command
 * timeout. DockerRebuildTest already checks the engine's messages for a hanging build, up and info; here each
 * hang also ends in bounded time with the right exit code and one sentence, leaves no docker process running,
 * and writes the record (docker-rollback's hang is new here).
 */
class DockerFaultsTest {
    private static final List<String> TRIED = new CopyOnWriteArrayList<>();
    /** The one-second timeout of each hanging command, twice for a rebuild that rolls back, and room around. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path root;
    private FakeDocker docker;

    @BeforeEach
    void setUp() throws Exception {
        docker = new FakeDocker(root);
    }

    @AfterEach
    void tearDown() {
        CliEnvironment.reset();
    }

    @AfterAll
    static void summary() {
        System.out.println("fault suite (docker): " + TRIED.size() + " faults tried: " + String.join(", ", TRIED));
    }

    private CliOutcome run(String command, String... extra) {
        CliEnvironment.use(docker.env());
        List<String> args = new ArrayList<>(List.of(command, "--workdir", docker.project.toString(), "-p", "shop",
                "--stable-for", "40ms", "--poll-interval", "20ms", "--command-timeout", "1s"));
        args.addAll(List.of(extra));
        return CliOutcome.of(args.toArray(String[]::new));
    }

    private JsonNode record(String step) throws Exception {
        Path file = docker.project.resolve("deploy-gates-reports").resolve(step + ".json");
        assertThat(file).as("the record is written whatever the verdict").exists();
        return Json.MAPPER.readTree(file.toFile());
    }

    /** The hung fake docker was killed, not left sleeping behind the step. */
    private void assertNoDockerLeftRunning() throws InterruptedException {
        String bin = docker.bin.toString();
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        List<ProcessHandle> left;
        do {
            left = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(bin)).orElse(false)).toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        assertThat(left).as("docker processes still running").isEmpty();
    }

    private void assertEnded(CliOutcome run, int exitCode) throws InterruptedException {
        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(exitCode);
        assertThat(run.errIsOneSentence()).as(run.err()).isTrue();
        assertThat(run.took()).isLessThan(BOUND);
        assertNoDockerLeftRunning();
    }

    @Test
    void aBuildThatHangsIsStoppedLeavesTheRunningContainersAndARecord() throws Exception {
        assertThat(run("docker-rebuild").exitCode()).isZero();
        docker.clearCalls();
        docker.mode("hang-build");

        CliOutcome run = run("docker-rebuild");

        TRIED.add("compose build hangs");
        assertEnded(run, 1);
        assertThat(run.err()).contains("'docker compose build' did not finish within 1s and was stopped");
        assertThat(docker.calls()).noneMatch(call -> call.contains(" up "));
        JsonNode record = record("dockerRebuild");
        assertThat(record.path("verdict").asText()).isEqualTo("failed");
        assertThat(record.path("reason").asText()).contains("did not finish within 1s");
    }

    @Test
    void anUpThatHangsIsStoppedRolledBackAndRecorded() throws Exception {
        assertThat(run("docker-rebuild").exitCode()).isZero();
        docker.mode("hang-up");

        CliOutcome run = run("docker-rebuild");

        TRIED.add("compose up hangs");
        assertEnded(run, 1);
        assertThat(run.err()).contains("(after 'docker compose up' did not finish within 1s and was stopped); rolled "
                + "back to previous images");
        JsonNode record = record("dockerRebuild");
        assertThat(record.path("verdict").asText()).isEqualTo("failed");
        assertThat(record.path("rolledBack").asBoolean()).isTrue();
    }

    @Test
    void aDaemonThatNeverAnswersIsAUsageErrorBeforeAnythingIsTouched() throws Exception {
        docker.mode("hang-daemon");

        CliOutcome run = run("docker-rebuild", "--docker-host", "ssh://deploy@10.0.0.9");

        TRIED.add("the daemon never answers");
        assertEnded(run, 2);
        assertThat(run.err()).contains("The Docker daemon at ssh://deploy@10.0.0.9 did not answer");
        assertThat(docker.calls()).isNotEmpty().noneMatch(call -> call.contains(" build") || call.contains(" up "));
    }

    @Test
    void aRollbackWhoseUpHangsIsStoppedFailsAndIsRecorded() throws Exception {
        assertThat(run("docker-rebuild").exitCode()).isZero();
        assertThat(run("docker-rebuild").exitCode()).isZero();
        docker.mode("hang-up");

        CliOutcome run = run("docker-rollback");

        TRIED.add("compose up hangs during docker-rollback");
        assertEnded(run, 1);
        assertThat(run.err()).startsWith("docker-rollback: rollback failed: ").contains("did not finish within 1s");
        JsonNode record = record("dockerRollback");
        assertThat(record.path("verdict").asText()).isEqualTo("failed");
        assertThat(record.path("rollback").path("images").size()).isPositive();
    }
}
