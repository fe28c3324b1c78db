package io.jenkins.plugins.deploygates.steps;

import static io.jenkins.plugins.deploygates.engine.docker.RealComposeApp.web;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import hudson.model.Label;
import hudson.model.Result;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.docker.RealComposeApp;
import io.jenkins.plugins.deploygates.testing.RealDockerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * dockerRebuild and dockerRollback in real Pipelines on an agent, against the real Docker engine the suite starts:
 * the compose call crosses a real remoting channel, the step returns what the engine proved, and an abort kills the
 * build on the daemon and leaves the record before the build ends.
 */
@WithJenkins
class DockerStepsITest {
    static RealDockerEngine engine;
    private JenkinsRule r;

    @TempDir
    Path root;

    @BeforeAll
    static void engine() throws Exception {
        engine = RealDockerEngine.shared();
        engine.baseImage();
    }

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        r.createOnlineSlave(Label.get("docker"));
    }

    /** A Pipeline on the agent that runs {@code step} in the app's folder against the suite's engine. */
    private WorkflowJob job(RealComposeApp app, String step) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node('docker') {\n"
                + "  withEnv(['DOCKER_CONFIG=" + engine.environment().get("DOCKER_CONFIG") + "']) {\n"
                + "    dir('" + app.dir + "') {\n      " + step + "\n    }\n  }\n}", true));
        return job;
    }

    private String options(RealComposeApp app) {
        return "projectName: '" + app.project + "', dockerHost: '" + engine.dockerHost() + "',"
                + " stableFor: '1s', pollInterval: '250ms', waitTimeout: '60s', reportDir: 'reports'";
    }

    private JsonNode record(RealComposeApp app, String step) throws Exception {
        return Json.MAPPER.readTree(app.dir.resolve("reports/" + step + ".json").toFile());
    }

    @Test
    void rebuildsOnTheAgentReturnsWhatItProvedAndRollsBackOnDemand() throws Exception {
        try (RealComposeApp app = new RealComposeApp(engine, root, "steps")) {
            app.release("v1").compose("services:\n" + web(""));
            r.buildAndAssertSuccess(job(app, "dockerRebuild pull: false, " + options(app)));
            assertThat(app.fetch()).isEqualTo("v1");

            app.release("v2");
            WorkflowRun v2 = r.buildAndAssertSuccess(job(app, "def d = dockerRebuild pull: false, " + options(app) + "\n"
                    + "echo \"project=${d.project} verdict=${d.verdict} web=${d.services.find { it.service == 'web' }.imageId}"
                    + " kept=${d.keptForRollback}\""));
            assertThat(app.fetch()).isEqualTo("v2");
            r.assertLogContains("project=" + app.project + " verdict=passed web=", v2);
            assertThat(record(app, "dockerRebuild").path("verdict").asText()).isEqualTo("passed");

            WorkflowRun back = r.buildAndAssertSuccess(job(app, "def d = dockerRollback " + options(app) + "\n"
                    + "echo \"rolled back: ${d.verdict}\""));
            assertThat(app.fetch()).isEqualTo("v1");
            r.assertLogContains("rolled back: passed", back);
        }
    }

    @Test
    void aServiceNameThatLooksLikeAnOptionIsOneSentenceBeforeDockerRuns() throws Exception {
        try (RealComposeApp app = new RealComposeApp(engine, root, "badname")) {
            app.release("v1").compose("services:\n" + web(""));
            WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE,
                    job(app, "dockerRebuild services: '--no-deps', pull: false, " + options(app)));
            r.assertLogContains("dockerRebuild: ", build);
            r.assertLogContains("'--no-deps'", build);
            r.assertLogNotContains("\tat ", build);
            r.assertLogNotContains("$ docker compose", build);
        }
    }

    @Test
    void abortingTheBuildKillsItOnTheDaemonAndTheRecordIsWrittenBeforeTheBuildEnds() throws Exception {
        try (RealComposeApp app = new RealComposeApp(engine, root, "abort")) {
            // a RUN step needs the host network on this machine's engine (no bridge)
            app.release("v1").compose("services:\n" + web("").replace("    build: .", "    build: {context: ., network: host}"));
            // A build that takes minutes: the abort must not wait for it.
            Files.writeString(app.dir.resolve("Dockerfile"), Files.readString(app.dir.resolve("Dockerfile"))
                    + "RUN [\"/bin/busybox\", \"sleep\", \"600\"]\n");
            WorkflowJob job = job(app, "dockerRebuild pull: false, " + options(app));
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            r.waitForMessage("docker compose", build);
            r.waitForMessage("build", build);
            Thread.sleep(2000); // well into the RUN step

            build.doStop();
            r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(build));

            assertThat(record(app, "dockerRebuild").path("verdict").asText()).isEqualTo("interrupted");
            assertThat(engine.dockerOk("ps", "--all", "--quiet", "--filter", "label=com.docker.compose.project=" + app.project))
                    .as("no container of the cut-off release").isEmpty();
        }
    }
}
