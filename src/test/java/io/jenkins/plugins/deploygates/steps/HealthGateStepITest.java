package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.sun.net.httpserver.HttpServer;
import hudson.FilePath;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.util.Secret;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** healthGate in real Pipelines, scripted and declarative, on the controller and on an agent, against loopback targets. */
@WithJenkins
class HealthGateStepITest {
    private static final String CONTROLLER_GATE_THREADS = "Deploy Gates health gates";
    private JenkinsRule r;
    private HealthTargetServer target;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        target = new HealthTargetServer();
    }

    @AfterEach
    void tearDown() {
        target.close();
    }

    private WorkflowRun run(String script, Result expected) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return r.buildAndAssertStatus(expected, job);
    }

    @Test
    void scriptedAndDeclarativeGatesWaitForALateTargetAndCheckItsJson() throws Exception {
        target.healthyAfter(3);
        WorkflowRun scripted = run("def v = healthGate url: '" + target.url() + "', interval: '100ms', timeout: '1m',"
                + " expectJson: ['$.status == \"ok\"', '$.db exists']\n"
                + "echo \"verdict=${v.verdict} healthy=${v.healthy} success=${v.samples.success}\"", Result.SUCCESS);
        r.assertLogContains("verdict=PASS healthy=true success=1", scripted);
        assertThat(target.requests()).isGreaterThanOrEqualTo(4);

        WorkflowRun declarative = run("pipeline { agent none; stages { stage('gate') { steps {\n"
                + "  healthGate url: '" + target.url() + "', interval: '100ms', timeout: '1m',"
                + " expectJson: ['$.status == \"ok\"'] } } } }", Result.SUCCESS);
        r.assertLogContains("PASS: healthy after", declarative);
        r.assertLogContains("[healthGate] probing from the Jenkins controller", declarative);
        assertThat(controllerGateThreads()).as("outside node the gates wait on the controller's runtime").isPositive();
    }

    @Test
    void anUnhealthyTargetFailsTheBuildWithItsReasonOrReturnsTheVerdict() throws Exception {
        target.healthyAfter(Integer.MAX_VALUE);
        WorkflowRun failed = run("healthGate url: '" + target.url() + "', interval: '100ms', timeout: '1s'",
                Result.FAILURE);
        r.assertLogContains("healthGate: not healthy within 1s; last failure: " + target.url()
                + ": HTTP 503, expected 200-299", failed);

        WorkflowRun returned = run("def v = healthGate url: '" + target.url() + "', interval: '100ms', timeout: '1s',"
                + " failOnUnhealthy: false\necho \"verdict=${v.verdict} healthy=${v.healthy}\"", Result.SUCCESS);
        r.assertLogContains("verdict=FAIL healthy=false", returned);
    }

    @Test
    void aWatchThatSeesTooManyErrorsGivesTheRollbackVerdict() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("def v = healthGate url: '" + target.url() + "', interval: '100ms',"
                + " timeout: '30s', watch: '3s', watchInterval: '100ms', maxErrorRate: 0.2, failOnUnhealthy: false\n"
                + "echo \"verdict=${v.verdict} phase=${v.phase} reason=${v.reason}\"", true));
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("watch " + target.url(), build);
        target.failing(true); // the release goes bad while it is watched
        r.assertBuildStatus(Result.SUCCESS, r.waitForCompletion(build));
        r.assertLogContains("verdict=FAIL phase=WATCH", build);
        r.assertLogContains("FAIL: rollback recommended", build);
    }

    @Test
    void insideNodeOnAnAgentTheGateProbesFromTheAgentAndWritesItsReportThere() throws Exception {
        DumbSlave agent = r.createOnlineSlave(Label.get("deploy"));
        MockWebServer socket = new MockWebServer();
        socket.enqueue(new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onMessage(WebSocket webSocket, String text) {
                webSocket.send("pong:" + text);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                webSocket.close(code, null);
            }
        }));
        socket.start();
        long controllerThreadsBefore = controllerGateThreads();
        try {
            String ws = "ws://127.0.0.1:" + socket.getPort() + "/ws";
            WorkflowRun build = run("node('deploy') {\n"
                    + "  def v = healthGate urls: ['" + target.url() + "', '" + ws + "'], wsSend: 'ping',"
                    + " wsExpect: 'pong', interval: '100ms', timeout: '1m', reportDir: 'reports/staging'\n"
                    + "  echo \"verdict=${v.verdict}\" }", Result.SUCCESS);

            r.assertLogContains("verdict=PASS", build);
            r.assertLogContains("[healthGate] probing from agent " + agent.getNodeName(), build);
            r.assertLogContains("[healthGate] report: reports/staging/health-gate.json, reports/staging/health-gate-junit.xml", build);
            FilePath report = agent.getWorkspaceFor(build.getParent()).child("reports/staging/health-gate.json");
            assertThat(report.readToString()).contains("\"verdict\" : \"PASS\"").contains(ws);
            assertThat(controllerGateThreads()).as("on an agent the gate runs there, not on the controller")
                    .isEqualTo(controllerThreadsBefore);
        } finally {
            socket.shutdown();
        }
    }

    @Test
    void abortingAWaitingGateEndsAbortedWithItsReportAlreadyInTheWorkspace() throws Exception {
        target.healthyAfter(Integer.MAX_VALUE);
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node {\n  healthGate url: '" + target.url() + "', interval: '100ms',"
                + " timeout: '10m', reportDir: 'reports' }", true));
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("[healthGate] await", build);
        while (target.requests() < 3) {
            Thread.sleep(50);
        }

        build.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(build));

        FilePath report = r.jenkins.getWorkspaceFor(job).child("reports/health-gate.json");
        assertThat(report.exists()).as("the report is written before the build ends").isTrue();
        assertThat(report.readToString()).contains("stopped after");
    }

    @Test
    void headersFromCredentialsReachTheTargetButNeitherTheLogNorTheReportNorTheBuildsFiles() throws Exception {
        String key = "api-key-5e1f0a77c3";
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(),
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "monitoring-key", "test", Secret.fromString(key)));
        HttpServer secured = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        secured.createContext("/health", exchange -> {
            String sent = String.valueOf(exchange.getRequestHeaders().getFirst("X-Api-Key"));
            boolean allowed = sent.equals(key);
            // a careless service quotes what it was sent
            byte[] body = ("{\"status\":\"" + (allowed ? "ok" : "denied") + "\",\"key\":\"" + sent + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(allowed ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        secured.start();
        try {
            String url = "http://127.0.0.1:" + secured.getAddress().getPort() + "/health";
            WorkflowRun passed = run("node {\n  healthGate url: '" + url + "', credentialHeaders: ['X-Api-Key=monitoring-key'],"
                    + " expectJson: ['$.status == \"ok\"', '$.key == \"wrong\"'], interval: '100ms', timeout: '2s',"
                    + " reportDir: 'reports', failOnUnhealthy: false }", Result.SUCCESS);
            r.assertLogContains("200", passed); // the target got the key
            r.assertLogContains("failure: $['key'] is \"****\", expected \"wrong\"", passed); // quoted back, masked
            r.assertLogNotContains(key, passed);
            FilePath buildFiles = new FilePath(passed.getRootDir());
            for (FilePath file : buildFiles.list("**/*")) {
                assertThat(file.readToString()).as(file.getRemote()).doesNotContain(key);
            }
            for (FilePath file : r.jenkins.getWorkspaceFor(passed.getParent()).list("reports/*")) {
                assertThat(file.readToString()).as(file.getRemote()).doesNotContain(key);
            }

            WorkflowRun inClear = run("healthGate url: '" + url + "', headers: ['X-Api-Key: " + key + "'],"
                    + " interval: '100ms', timeout: '1m'", Result.SUCCESS);
            r.assertLogContains("[healthGate] the header 'X-Api-Key' looks like a credential", inClear);
        } finally {
            secured.stop(0);
        }
    }

    private static long controllerGateThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(CONTROLLER_GATE_THREADS)).count();
    }
}
