package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.docker.RealComposeApp;
import io.jenkins.plugins.deploygates.engine.railway.FakeRailway;
import io.jenkins.plugins.deploygates.testing.RealDockerEngine;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A controller restart while a step waits: a health gate resumes with the time it had left, railwayUp and
 * railwayRollback follow the deployment they recorded to its real verdict, a smoke run and a compose rebuild end
 * with one sentence saying what they left behind, and no step holds the restart back.
 */
class StepsRestartITest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private HealthTargetServer target;
    private FakeRailway railway;

    @BeforeEach
    void setUp() throws Exception {
        target = new HealthTargetServer();
        railway = new FakeRailway();
    }

    @AfterEach
    void tearDown() throws Exception {
        target.close();
        railway.close();
    }

    private static WorkflowRun startAndWaitFor(JenkinsRule r, String script, String message) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition(script, true));
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage(message, build);
        assertThat(build.getExecution().getCurrentExecutions(false).get().stream().anyMatch(e -> e.blocksRestart()))
                .as("no step holds the restart back").isFalse();
        return build;
    }

    private static WorkflowRun afterRestart(JenkinsRule r) throws Exception {
        WorkflowRun build = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
        return r.waitForCompletion(build);
    }

    @Test
    void aHealthGateResumesWithTheTimeItHadLeftAndItsCredentialHeaders() throws Throwable {
        String key = "restart-key-81d0c3";
        target.healthyAfter(Integer.MAX_VALUE);
        sessions.then(r -> {
            CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(),
                    new StringCredentialsImpl(CredentialsScope.GLOBAL, "key", "test", Secret.fromString(key)));
            startAndWaitFor(r, "def v = healthGate url: '" + target.url() + "', interval: '200ms', timeout: '10m',"
                    + " credentialHeaders: ['X-Api-Key=key']\necho \"verdict=${v.verdict}\"", "[healthGate] await");
        });
        target.healthyAfter(0);
        sessions.then(r -> {
            WorkflowRun build = afterRestart(r);
            r.assertBuildStatus(Result.SUCCESS, build);
            r.assertLogContains("[healthGate] Jenkins restarted while the gate was running", build);
            r.assertLogContains("left of its 10m timeout", build);
            r.assertLogContains("verdict=PASS", build);
            r.assertLogNotContains(key, build);
        });
    }

    @Test
    void railwayUpFollowsTheDeploymentItRecordedToItsRealVerdict() throws Throwable {
        railway.next(FakeRailway.script().statuses("BUILDING"));
        sessions.then(r -> {
            CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(),
                    new StringCredentialsImpl(CredentialsScope.GLOBAL, "railway-token", "test",
                            Secret.fromString(FakeRailway.PROJECT_TOKEN)));
            startAndWaitFor(r, "node { writeFile file: 'server.js', text: 'listen()'\n"
                    + "  def d = railwayUp service: 'api', environment: 'production', credentialsId: 'railway-token',"
                    + " apiUrl: '" + railway.url() + "', pollInterval: '100ms', timeout: '10m'\n"
                    + "  echo \"deployed ${d.deploymentId}: ${d.verdict}\" }", "Deployment dep-1");
        });
        railway.statusFromNow("dep-1", "SUCCESS"); // Railway went on while Jenkins was down
        sessions.then(r -> {
            WorkflowRun build = afterRestart(r);
            r.assertBuildStatus(Result.SUCCESS, build);
            r.assertLogContains("Following deployment dep-1 again", build);
            r.assertLogContains("deployed dep-1: PASSED", build);
            JsonNode record = Json.MAPPER.readTree(r.jenkins.getWorkspaceFor(build.getParent())
                    .child("railway/railway-up-api.json").readToString());
            assertThat(record.path("verdict").asText()).isEqualTo("PASSED");
            assertThat(railway.uploads()).as("the upload is never sent twice").hasSize(1);
        });
    }

    @Test
    void aSmokeRunCutOffByARestartEndsWithOneSentenceAndNothingToUndo() throws Throwable {
        // An app that accepts the link request, and a Mailpit whose mailbox stays empty: the run waits for mail.
        HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/", exchange -> {
            byte[] body = (exchange.getRequestURI().getPath().startsWith("/api/v1/messages")
                    ? "{\"messages\":[]}" : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/api/v1") ? 200 : 202, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.start();
        try {
            String base = "http://127.0.0.1:" + app.getAddress().getPort();
            sessions.then(r -> startAndWaitFor(r, "smokeAuthFlow baseUrl: '" + base + "', email: 'smoke@example.test',"
                    + " mailbox: 'mailpit+" + base + "', timeout: '10m'", "smokeAuthFlow"));
            sessions.then(r -> {
                WorkflowRun build = afterRestart(r);
                r.assertBuildStatus(Result.FAILURE, build);
                r.assertLogContains("smokeAuthFlow: a Jenkins restart cut off the smoke run, so none of its checks"
                        + " counts: the service was only read from, nothing needs undoing. Run smokeAuthFlow again.", build);
                r.assertLogNotContains("\tat ", build);
            });
        } finally {
            app.stop(0);
        }
    }

    @Test
    void aComposeRebuildCutOffByARestartSaysWhatItLeftAndHowToGetBack() throws Throwable {
        RealDockerEngine engine = RealDockerEngine.shared();
        try (RealComposeApp app = new RealComposeApp(engine, Files.createTempDirectory("restart"), "restart")) {
            app.release("v1").compose("services:\n" + RealComposeApp.web("").replace("    build: .",
                    "    build: {context: ., network: host}"));
            Files.writeString(app.dir.resolve("Dockerfile"), Files.readString(app.dir.resolve("Dockerfile"))
                    + "RUN [\"/bin/busybox\", \"sleep\", \"30\"]\n");
            sessions.then(r -> startAndWaitFor(r, "node { dir('" + app.dir + "') { withEnv(['DOCKER_CONFIG="
                    + engine.environment().get("DOCKER_CONFIG") + "']) {\n  dockerRebuild projectName: '" + app.project
                    + "', dockerHost: '" + engine.dockerHost() + "', pull: false, reportDir: 'reports' } } }",
                    "docker compose"));
            sessions.then(r -> {
                WorkflowRun build = afterRestart(r);
                r.assertBuildStatus(Result.FAILURE, build);
                r.assertLogContains("dockerRebuild: a Jenkins restart cut off the compose rebuild on the agent, so its"
                        + " verdict is unknown", build);
                r.assertLogContains("run dockerRollback to put the previous images back", build);
            });
        }
    }

    @Test
    void railwayRollbackFollowsItsRollbackDeploymentAfterARestart() throws Throwable {
        railway.existing("dep-a", "REMOVED", true).existing("dep-b", "CRASHED", false);
        railway.next(FakeRailway.script().statuses("DEPLOYING"));
        String[] rollbackDeployment = new String[1];
        sessions.then(r -> {
            CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(),
                    new StringCredentialsImpl(CredentialsScope.GLOBAL, "railway-token", "test",
                            Secret.fromString(FakeRailway.PROJECT_TOKEN)));
            WorkflowRun build = startAndWaitFor(r, "def d = railwayRollback service: 'api', environment: 'production',"
                    + " credentialsId: 'railway-token', apiUrl: '" + railway.url() + "', pollInterval: '100ms'\n"
                    + "echo \"rolled back to ${d.rolledBackTo}: ${d.verdict}\"", "Rollback deployment is");
            Matcher id = Pattern.compile("Rollback deployment is (\\S+)\\.").matcher(JenkinsRule.getLog(build));
            assertThat(id.find()).isTrue();
            rollbackDeployment[0] = id.group(1);
        });
        railway.statusFromNow(rollbackDeployment[0], "SUCCESS"); // the rollback went live while Jenkins was down
        sessions.then(r -> {
            WorkflowRun build = afterRestart(r);
            r.assertBuildStatus(Result.SUCCESS, build);
            r.assertLogContains("rolled back to dep-a: PASSED", build);
            assertThat(railway.calls("DeploymentRollback")).as("the rollback is asked for once").hasSize(1);
        });
    }
}
