package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.jenkins.plugins.deploygates.engine.docker.ComposeOptions;
import io.jenkins.plugins.deploygates.engine.docker.FakeDocker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dockerRebuild and dockerRollback adapters, through the StepContext double, against the fake docker. */
class DockerRebuildStepTest {
    @TempDir
    Path root;
    FakeDocker docker;

    @BeforeEach
    void setUp() throws Exception {
        docker = new FakeDocker(root);
    }

    FakeStepContext context() {
        return new FakeStepContext().withWorkspace(docker.project.toFile())
                .with(EnvVars.class, new EnvVars(docker.env()));
    }

    static DockerRebuildStep rebuild() {
        DockerRebuildStep step = new DockerRebuildStep("docker-compose.yml");
        step.setProjectName("shop");
        step.setStableFor("40ms");
        step.setPollInterval("20ms");
        return step;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> run(org.jenkinsci.plugins.workflow.steps.Step step, FakeStepContext context)
            throws Throwable {
        step.start(context).start();
        return (Map<String, Object>) context.result(30);
    }

    @Test
    @SuppressWarnings("unchecked")
    void returnsTheServicesAndWritesItsRecordInTheWorkspace() throws Throwable {
        FakeStepContext context = context();

        Map<String, Object> result = run(rebuild(), context);

        assertThat(result).containsEntry("verdict", "passed").containsEntry("rolledBack", false);
        List<Map<String, Object>> services = (List<Map<String, Object>>) result.get("services");
        assertThat(services).extracting(s -> s.get("service")).containsExactly("web", "worker", "db");
        assertThat(services.get(0)).containsEntry("state", "running").containsEntry("health", "healthy")
                .containsEntry("restarts", 0).containsKey("imageId");
        assertThat(context.console()).contains("$ docker compose -f docker-compose.yml -p shop build --no-cache --pull",
                "dockerRebuild passed");
        assertThat(docker.project.resolve("deploy-gates-reports/dockerRebuild.json")).exists();
    }

    @Test
    void failedDeployAbortsWithOneLineAfterRollingBack() throws Throwable {
        run(rebuild(), context());
        docker.mode("exit-at-once");
        FakeStepContext context = new FakeStepContext().withWorkspace(docker.project.toFile())
                .with(EnvVars.class, new EnvVars(docker.env()));

        assertThatThrownBy(() -> run(rebuild(), context)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("dockerRebuild: deploy failed: container shop-web-1 is exited with code 1; "
                        + "rolled back to previous images");
        assertThat(context.console()).contains("Last 100 log lines of web:", "After rollback:");
    }

    @Test
    void buildSecretFromWithCredentialsIsMaskedInTheConsole() throws Throwable {
        DockerRebuildStep step = rebuild();
        step.setBuildSecrets("NPM_TOKEN");
        FakeStepContext context = new FakeStepContext().withWorkspace(docker.project.toFile())
                .with(EnvVars.class, new EnvVars(docker.set("NPM_TOKEN", "npm_live_0123456789").env()));

        run(step, context);

        assertThat(context.console()).doesNotContain("npm_live_0123456789").contains("echo ****");
    }

    @Test
    void badOptionAbortsBeforeAnyDockerCommand() throws Exception {
        DockerRebuildStep step = rebuild();
        step.setStableFor("20");

        assertThatThrownBy(() -> run(step, context())).isInstanceOf(AbortException.class)
                .hasMessage("dockerRebuild: stableFor '20' has no unit: write it as 500ms, 2s, 5m or 1h.");
        assertThat(docker.calls()).isEmpty();
    }

    @Test
    void missingDockerOnTheAgentAbortsWithOneSentence() {
        FakeStepContext context = new FakeStepContext().withWorkspace(docker.project.toFile())
                .with(EnvVars.class, new EnvVars(Map.of("PATH", root.resolve("none").toString())));

        assertThatThrownBy(() -> run(rebuild(), context)).isInstanceOf(AbortException.class)
                .hasMessage("dockerRebuild: docker was not found on the PATH of this machine: install the Docker CLI "
                        + "there or add its folder to PATH.");
    }

    @Test
    void rollbackStepRestoresThePreviousImages() throws Throwable {
        Map<String, Object> first = run(rebuild(), context());
        run(rebuild(), context());
        DockerRollbackStep step = new DockerRollbackStep(null);
        step.setProjectName("shop");
        step.setServices("web");
        step.setStableFor("40ms");
        step.setPollInterval("20ms");
        FakeStepContext context = context();

        Map<String, Object> result = run(step, context);

        assertThat(step.getFile()).isEqualTo("docker-compose.yml");
        assertThat(result).containsEntry("verdict", "passed").containsEntry("rolledBack", true);
        assertThat(((List<?>) result.get("services")).get(0)).isEqualTo(((List<?>) first.get("services")).get(0));
        assertThat(context.console()).contains("$ docker tag shop-web:deploy-gates-previous-shop-web shop-web");
    }

    @Test
    void rollbackWithNothingKeptAbortsWithOneSentence() {
        assertThatThrownBy(() -> run(new DockerRollbackStep("docker-compose.yml"), context()))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("dockerRollback: There is no previous image to roll back to");
    }

    @Test
    void stepsNeedANodeAndTheEnvironment() {
        Set<?> expected = Set.of(FilePath.class, TaskListener.class, EnvVars.class);
        assertThat(new DockerRebuildStep.DescriptorImpl().getRequiredContext()).isEqualTo(expected);
        assertThat(new DockerRollbackStep.DescriptorImpl().getRequiredContext()).isEqualTo(expected);
        assertThat(new DockerRebuildStep.DescriptorImpl().getFunctionName()).isEqualTo("dockerRebuild");
        assertThat(new DockerRollbackStep.DescriptorImpl().getFunctionName()).isEqualTo("dockerRollback");
    }

    @Test
    void defaultsAreTheEnginesDefaults() {
        DockerRebuildStep step = new DockerRebuildStep("");
        ComposeOptions options = step.toOptions();
        assertThat(step.getFile()).isEqualTo("docker-compose.yml");
        assertThat(options.noCache()).isTrue();
        assertThat(options.pull()).isTrue();
        assertThat(options.rollbackOnFailure()).isTrue();
        assertThat(options.removeOrphans()).isTrue();
        assertThat(options.waitTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(options.stableFor()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.reportDir()).isEqualTo("deploy-gates-reports");
    }

    @Test
    void formChecksUseTheRuntimeValidators() {
        DockerRebuildStep.DescriptorImpl d = new DockerRebuildStep.DescriptorImpl();
        assertThat(d.doCheckStableFor("20s").getMessage()).isNull();
        assertThat(d.doCheckStableFor("20").getMessage()).isEqualTo("stableFor '20' has no unit: write it as 500ms, 2s, 5m or 1h.");
        assertThat(d.doCheckProjectName("My Shop").getMessage()).startsWith("projectName 'My Shop' is not a valid");
        assertThat(d.doCheckBuildSecrets("NPM_TOKEN=abc").getMessage()).startsWith("buildSecrets 'NPM_TOKEN=abc'");
        assertThat(d.doCheckBuildArgs("GIT_SHA, API_URL").getMessage()).isNull();
        assertThat(d.doCheckFile("../other/docker-compose.yml").renderHtml()).contains("warning");
    }

    @Test
    void everyParameterHasHelpAndAFormEntry() throws Exception {
        for (String step : List.of("DockerRebuildStep", "DockerRollbackStep")) {
            Path dir = Path.of("src/main/resources/io/jenkins/plugins/deploygates/steps", step);
            String jelly = Files.readString(dir.resolve("config.jelly"));
            assertThat(dir.resolve("help.html")).exists();
            List<String> fields = java.util.regex.Pattern.compile("field=\"(\\w+)\"").matcher(jelly).results()
                    .map(m -> m.group(1)).toList();
            assertThat(fields).isNotEmpty();
            for (String field : fields) {
                assertThat(dir.resolve("help-" + field + ".html")).exists();
            }
        }
        assertThat(Files.readString(Path.of("src/main/resources/io/jenkins/plugins/deploygates/steps/"
                + "DockerRebuildStep/config.jelly"))).contains("field=\"rollbackOnFailure\"", "field=\"buildSecrets\"");
    }

    @Test
    void theAgentSideCallableSerializes() throws Exception {
        ComposeCallable callable = new ComposeCallable(false, rebuild().toOptions(), docker.env(), new Listener());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(callable);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isInstanceOf(ComposeCallable.class);
        }
    }

    /** A listener that can travel, as Jenkins' remoted one does. */
    static final class Listener implements TaskListener {
        private static final long serialVersionUID = 1L;

        @Override
        public PrintStream getLogger() {
            return System.out;
        }
    }
}
