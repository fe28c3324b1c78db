package io.jenkins.plugins.deploygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.docker.FakeDocker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-rebuild in its own process, ended by SIGTERM while {@code docker compose build} runs: the build (the fake
 * docker and its children) is killed with it, not left changing things behind, and the record says so.
 */
class DockerRebuildSignalTest {
    @TempDir
    Path root;

    @Test
    void aTerminatedRebuildKillsTheRunningDockerCommandAndWritesTheRecord() throws Exception {
        FakeDocker docker = new FakeDocker(root);
        docker.mode("hang-build");
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DeployGatesCli.class.getName(), "docker-rebuild",
                "--workdir", docker.project.toString(), "-p", "shop", "--command-timeout", "5m")
                .redirectErrorStream(true).redirectOutput(root.resolve("console.txt").toFile());
        command.environment().clear();
        command.environment().putAll(docker.env());
        Process child = command.start();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (docker.calls().stream().noneMatch(call -> call.contains(" build"))) {
            assertThat(child.isAlive()).as("docker-rebuild still running").isTrue();
            assertThat(System.nanoTime()).as("the build started within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        child.toHandle().destroy(); // SIGTERM

        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(dockerProcesses(docker)).as("docker processes left running").isEmpty();
        JsonNode record = Json.MAPPER.readTree(docker.project.resolve("deploy-gates-reports/dockerRebuild.json").toFile());
        assertThat(record.path("verdict").asText()).isEqualTo("interrupted");
        assertThat(record.path("reason").asText()).isEqualTo("stopped: 'docker compose build' was killed; the "
                + "running containers were not touched");
    }

    /** Live processes started from the fake docker's folder (killed and reaped ones are gone). */
    private static List<ProcessHandle> dockerProcesses(FakeDocker docker) throws InterruptedException {
        String bin = docker.bin.toString();
        List<ProcessHandle> left = List.of();
        for (int i = 0; i < 40; i++) {
            left = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(bin)).orElse(false)).toList();
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        }
        return left;
    }
}
