package io.jenkins.plugins.deploygates.library;

import static io.jenkins.plugins.deploygates.library.LibraryJenkinsfile.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.testing.GitRepository;
import io.jenkins.plugins.deploygates.testing.RealBuild;
import io.jenkins.plugins.deploygates.testing.RealDockerEngine;
import io.jenkins.plugins.deploygates.testing.RealJenkins;
import io.jenkins.plugins.deploygates.testing.RealServices;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * deployPipeline's compose target in the kit's real Jenkins against the suite's real Docker engine: a busybox web
 * service built FROM scratch (no registry here), rebuilt on the engine each environment names as its dockerHost,
 * migrations run between approval and the production deploy. The builds run on an agent of their own whose docker
 * CLI keeps its state under the engine's folder.
 */
@Execution(ExecutionMode.CONCURRENT)
class ComposeDeployITest {
    private static final Duration BUILD = Duration.ofMinutes(12);
    private static final String AGENT = "deploy-gates-docker";
    private static final Map<String, Object> APPROVE = Map.of("OVERRIDE_SOAK", false, "OVERRIDE_REASON", "");
    private static RealJenkins jenkins;
    private static RealDockerEngine docker;

    @BeforeAll
    static void engineAndAgent() {
        jenkins = RealJenkins.get();
        docker = RealDockerEngine.shared();
        jenkins.agent(AGENT, AGENT, 2, Map.of("DOCKER_CONFIG", docker.environment().get("DOCKER_CONFIG")));
    }

    @Test
    void migrationsRunAgainstTheEngineOfTheComposeTarget() throws Exception {
        String volume = "deploy-gates-migrated-" + System.nanoTime();
        createJob("compose-migrations", "docker volume create " + volume);

        RealBuild build = jenkins.build("compose-migrations", "alice");
        build.answerInput("Promote", "bob", APPROVE);

        assertThat(build.awaitResult(BUILD)).isEqualTo("SUCCESS");
        assertThat(docker.dockerOk("volume", "ls", "--format", "{{.Name}}").lines()).as("what the migrations created")
                .contains(volume);
        JsonNode record = DeployPipelineITest.record(build);
        assertThat(record.at("/migrations/status").asText()).isEqualTo("applied");
        assertThat(record.at("/environments/production/deployments/0/images/0/service").asText()).isEqualTo("web");
        assertThat(record.path("outcome").asText()).isEqualTo("promoted");
    }

    @Test
    void aStopDuringMigrationsEndsAbortedWithoutDeployingProduction() throws Exception {
        createJob("compose-migrations-stopped", "echo migrations started; sleep 600");

        RealBuild build = jenkins.build("compose-migrations-stopped", "alice");
        build.answerInput("Promote", "bob", APPROVE);
        build.awaitConsole("migrations started", Duration.ofMinutes(6));
        assertThat(build.stop("bob").accepted()).isTrue();

        assertThat(build.awaitResult(BUILD)).isEqualTo("ABORTED");
        JsonNode record = DeployPipelineITest.record(build);
        assertThat(record.at("/migrations/status").asText()).isEqualTo("interrupted");
        assertThat(record.path("outcome").asText()).isEqualTo("aborted");
        assertThat(record.at("/environments/production/deployments").size()).isZero();
        assertThat(build.console()).doesNotContain("[rollbackDeployment]");
    }

    /** A busybox httpd serving /health on a free loopback port, its image built FROM scratch. */
    private static void createJob(String job, String migrations) throws IOException {
        int port = RealDockerEngine.freePort();
        String health = "http://127.0.0.1:" + port + "/health";
        GitRepository repository = GitRepository.at(RealServices.buildDirectory().resolve("real-jenkins/repos").resolve(job))
                .copy("busybox", Path.of("/bin/busybox"))
                .write("www/health", "ok\n")
                .write("Dockerfile", "FROM scratch\nCOPY busybox /bin/busybox\nCOPY www /www\n")
                .write("docker-compose.yml", "services:\n"
                        + "  web:\n"
                        + "    build: {context: ., network: host}\n"
                        + "    image: " + job + "-web\n"
                        + "    network_mode: host\n"
                        + "    init: true\n"
                        + "    command: [\"/bin/busybox\", \"httpd\", \"-f\", \"-p\", \"127.0.0.1:" + port + "\", \"-h\", \"/www\"]\n"
                        + "    healthcheck:\n"
                        + "      test: [\"CMD\", \"/bin/busybox\", \"wget\", \"-q\", \"-O\", \"/dev/null\", \"" + health + "\"]\n"
                        + "      interval: 1s\n"
                        + "      retries: 30\n")
                .write("Jenkinsfile", new LibraryJenkinsfile("deployPipeline")
                        .set("agentLabel", quoted(AGENT))
                        .set("target", "'compose'")
                        .set("tests", quoted("test -x busybox"))
                        .set("projectName", quoted(job))
                        .set("staging", "[health: " + quoted(health) + ", dockerHost: " + quoted(docker.dockerHost()) + "]")
                        .set("production", "[health: " + quoted(health) + ", dockerHost: " + quoted(docker.dockerHost()) + "]")
                        .set("migrations", quoted(migrations))
                        .set("stableFor", "'2s'")
                        .set("healthTimeout", "'2m'")
                        .set("healthInterval", "'1s'")
                        .set("minimumSoak", "'0s'")
                        .set("watch", "'3s'")
                        .set("maxP95", "'5s'")
                        .text());
        repository.commit("a compose application");
        jenkins.pipelineJobFromGit(job, repository, "Jenkinsfile");
    }
}
