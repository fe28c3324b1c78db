package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import hudson.AbortException;
import io.jenkins.plugins.deploygates.engine.health.HealthGate;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The healthGate step's adapter, driven through a StepContext double against a real loopback server. */
class HealthGateStepTest {
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 200;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", x -> {
            requests.incrementAndGet();
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(status, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    private HealthGateStep step() {
        HealthGateStep step = new HealthGateStep(url());
        step.setInterval("50ms");
        step.setTimeout("300ms");
        step.setExpectJson(List.of("$.status == \"ok\""));
        return step;
    }

    @Test
    void startReturnsAtOnceAndTheVerdictCompletesTheStep() throws Throwable {
        FakeStepContext context = new FakeStepContext();

        boolean finishedSynchronously = step().start(context).start();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.result(5);

        assertThat(finishedSynchronously).isFalse();
        assertThat(result).containsEntry("healthy", true).containsEntry("verdict", "PASS")
                .containsKeys("reason", "samples", "p50Ms", "p95Ms", "maxMs", "timeToHealthyMs");
        assertThat(context.console()).contains("[healthGate] await " + url() + " 200").contains("PASS: healthy after");
    }

    @Test
    void anUnhealthyVerdictFailsTheBuildWithItsReason() throws Exception {
        status = 503;
        FakeStepContext context = new FakeStepContext();

        step().start(context).start();

        assertThatThrownBy(() -> context.result(5)).isInstanceOf(AbortException.class)
                .hasMessage("healthGate: not healthy within 300ms; last failure: " + url() + ": HTTP 503, expected 200-299");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUnhealthyVerdictCanBeReturnedInsteadOfFailing() throws Throwable {
        status = 503;
        HealthGateStep step = step();
        step.setFailOnUnhealthy(false);
        FakeStepContext context = new FakeStepContext();

        step.start(context).start();

        assertThat((Map<String, Object>) context.result(5)).containsEntry("healthy", false).containsEntry("verdict", "FAIL");
    }

    @Test
    void badConfigurationIsRefusedBeforeAnyRequest() {
        HealthGateStep step = step();
        step.setInterval("-5s");

        assertThatThrownBy(() -> step.start(new FakeStepContext()).start()).isInstanceOf(AbortException.class)
                .hasMessage("healthGate: interval '-5s' is not a duration: write it as 500ms, 2s, 5m or 1h.");
        assertThat(requests.get()).isZero();
    }

    @Test
    void aMissingUrlNamesTheParameter() {
        assertThatThrownBy(() -> new HealthGateStep(null).start(new FakeStepContext()).start())
                .isInstanceOf(AbortException.class).hasMessageStartingWith("healthGate: url is missing");
    }

    @Test
    void writesTheReportIntoTheWorkspaceInsideANode(@TempDir Path workspace) throws Throwable {
        HealthGateStep step = step();
        step.setReportDir("reports/gates");
        FakeStepContext context = new FakeStepContext().withWorkspace(workspace.toFile());

        step.start(context).start();
        context.result(5);

        File dir = workspace.resolve("reports/gates").toFile();
        assertThat(dir.list()).containsExactlyInAnyOrder("health-gate.json", "health-gate-junit.xml");
        assertThat(Files.readString(dir.toPath().resolve("health-gate-junit.xml")))
                .contains("<testcase classname=\"healthGate\" name=\"" + url() + "\"");
        assertThat(context.console()).contains("[healthGate] report: reports/gates/health-gate.json");
    }

    @Test
    void stoppingTheStepCancelsTheGate() throws Exception {
        status = 503;
        HealthGateStep step = step();
        step.setTimeout("1m");
        FakeStepContext context = new FakeStepContext();
        var execution = step.start(context);
        execution.start();
        Thread.sleep(120);

        execution.stop(new InterruptedException("aborted by user"));
        int seen = requests.get();
        Thread.sleep(150);

        assertThatThrownBy(() -> context.result(1)).isInstanceOf(InterruptedException.class);
        assertThat(requests.get()).isLessThanOrEqualTo(seen + 1);
    }

    @Test
    void afterARestartTheGateWaitsOnlyForTheTimeItHadLeft() throws Throwable {
        status = 503;
        FakeStepContext context = new FakeStepContext();
        StepExecution execution = step().start(context);
        execution.start();
        Thread.sleep(100);
        dieWithTheController(execution);
        Thread.sleep(300); // Jenkins stays down past the gate's 300ms timeout
        int before = requests.get();

        execution.onResume();

        assertThatThrownBy(() -> context.result(5)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("healthGate: not healthy within 300ms; last failure: " + url());
        assertThat(requests.get() - before).as("probes after the restart").isEqualTo(1);
        assertThat(context.console()).containsPattern("Jenkins restarted while the gate was running \\(\\d+ms after it"
                + " started\\): it resumes with 0s left of its 300ms timeout, and probes at least once.");
    }

    @Test
    void aTargetThatTurnedHealthyWhileJenkinsWasDownPassesOnTheFirstProbeAfterTheRestart() throws Throwable {
        status = 503;
        HealthGateStep step = step();
        step.setTimeout("1m");
        FakeStepContext context = new FakeStepContext();
        StepExecution execution = step.start(context);
        execution.start();
        Thread.sleep(100);
        dieWithTheController(execution);
        status = 200;
        Thread.sleep(100); // Jenkins is down; a probe that was in flight lands
        int before = requests.get();

        execution.onResume();

        assertThat(context.result(5)).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("healthy", true);
        assertThat(requests.get() - before).isEqualTo(1);
        assertThat(context.console()).containsPattern("it resumes with 5\\ds left of its 1m timeout");
    }

    /** What a controller crash does to a running gate: its scheduled probes are gone, the step is not completed. */
    private static void dieWithTheController(StepExecution execution) throws ReflectiveOperationException {
        Field gate = HealthGateExecution.class.getDeclaredField("gate");
        gate.setAccessible(true);
        ((HealthGate) gate.get(execution)).cancel();
    }

    @Test
    void theStartTimeSurvivesSerialisationWithTheSpec() throws Exception {
        StepExecution execution = step().start(new FakeStepContext());
        execution.start();
        ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream());
        out.writeObject(execution); // Jenkins persists a running step execution with the program
        Field started = HealthGateExecution.class.getDeclaredField("startedAtEpochMs");
        started.setAccessible(true);
        assertThat(Modifier.isTransient(started.getModifiers())).isFalse();
        assertThat((long) started.get(execution)).isCloseTo(System.currentTimeMillis(), within(5_000L));
    }

    @Test
    void anAbortedGateStillWritesItsReportWithTheSamplesSoFar(@TempDir Path workspace) throws Exception {
        status = 503;
        HealthGateStep step = step();
        step.setTimeout("1m");
        step.setReportDir("reports");
        FakeStepContext context = new FakeStepContext().withWorkspace(workspace.toFile());
        StepExecution execution = step.start(context);
        execution.start();
        while (requests.get() < 2) {
            Thread.sleep(10);
        }

        execution.stop(new InterruptedException("aborted by admin"));

        assertThatThrownBy(() -> context.result(5)).isInstanceOf(InterruptedException.class).hasMessage("aborted by admin");
        Path report = workspace.resolve("reports/health-gate.json");
        long deadline = System.currentTimeMillis() + 5_000;
        while (!context.console().contains("[healthGate] report:") && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(Files.readString(report)).contains("stopped after").contains("(the build was aborted)")
                .contains("HTTP 503");
        assertThat(context.console()).contains("[healthGate] FAIL: stopped after");
    }

    @Test
    void descriptorChecksUseTheRuntimeValidators() {
        HealthGateStep.DescriptorImpl d = new HealthGateStep.DescriptorImpl();

        assertThat(d.getFunctionName()).isEqualTo("healthGate");
        assertThat(d.doCheckUrl("api/health").getMessage()).startsWith("url 'api/health' is not a usable address");
        assertThat(d.doCheckUrl("https://api.example.com/health").getMessage()).isNull();
        assertThat(d.doCheckExpectStatus("2xx").getMessage()).startsWith("expectStatus '2xx'");
        assertThat(d.doCheckExpectJsonText("$.status == \"ok\"\n$.a..").getMessage()).contains("malformed JSONPath");
        assertThat(d.doCheckInterval("10").getMessage()).isEqualTo("interval '10' has no unit: write it as 500ms, 2s, 5m or 1h.");
        assertThat(d.doCheckTimeout("5m").getMessage()).isNull();
    }

    @Test
    void theStatusShownInJenkinsMasksAQueryToken() {
        HealthGateStep step = new HealthGateStep("https://api.example.com/health?token=q-77f3e1a9");

        assertThat(step.start(new FakeStepContext()).getStatus())
                .isEqualTo("healthGate waiting for https://api.example.com/health?token=****");
    }
}
