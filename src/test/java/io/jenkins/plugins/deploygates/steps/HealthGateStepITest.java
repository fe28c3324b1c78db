package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
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

    private static long controllerGateThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(CONTROLLER_GATE_THREADS)).count();
    }
}
