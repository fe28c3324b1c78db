package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import hudson.AbortException;
import hudson.FilePath;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployGatesReport step's adapter through a StepContext double: the records are the ones a real healthGate
 * step writes into the workspace against a loopback server, then rendered by the step.
 */
class DeployGatesReportStepTest {
    @TempDir
    Path workspace;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", x -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
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

    /** A healthGate run that leaves its record in {@code folder}, as the library templates make it. */
    private void gateWritesInto(String folder) throws Throwable {
        HealthGateStep gate = new HealthGateStep(url());
        gate.setInterval("20ms");
        gate.setTimeout("2s");
        gate.setReportDir(folder);
        FakeStepContext context = new FakeStepContext().withWorkspace(workspace.toFile());
        gate.start(context).start();
        context.result(5);
    }

    private static Object run(DeployGatesReportStep step, FakeStepContext context) throws Throwable {
        step.start(context).start();
        return context.result(5);
    }

    @Test
    void rendersTheRecordsOfTheFolderAndSubFoldersAndReturnsTheRelativePath() throws Throwable {
        gateWritesInto("deploy-gates-reports/staging/health");
        gateWritesInto("deploy-gates-reports/production/watch");
        FakeStepContext context = new FakeStepContext().withWorkspace(workspace.toFile());

        Object page = run(new DeployGatesReportStep(), context);

        assertThat(page).isEqualTo("deploy-gates-reports/deploy-gates-report.html, deploy-gates-reports/deploy-gates-report.css");
        String html = Files.readString(workspace.resolve("deploy-gates-reports/deploy-gates-report.html"));
        assertThat(html).contains("2 of 2 health gates passed").contains(url())
                .contains("staging/health/health-gate.json", "production/watch/health-gate.json");
        assertThat(context.console()).contains("[deployGatesReport] report: deploy-gates-reports/deploy-gates-report.html");
    }

    @Test
    void writesToOutWhenGiven() throws Throwable {
        gateWritesInto("records");
        DeployGatesReportStep step = new DeployGatesReportStep();
        step.setDir("records");
        step.setOut("site/index.html");

        Object page = run(step, new FakeStepContext().withWorkspace(workspace.toFile()));

        assertThat(page).isEqualTo("site/index.html, site/deploy-gates-report.css");
        assertThat(workspace.resolve("site/index.html")).content().contains("<!DOCTYPE html>");
    }

    @Test
    void aFolderWithoutRecordsFailsTheBuildWithOneLine() throws Exception {
        Files.createDirectories(workspace.resolve("deploy-gates-reports"));

        assertThatThrownBy(() -> run(new DeployGatesReportStep(), new FakeStepContext().withWorkspace(workspace.toFile())))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("deployGatesReport: dir '")
                .hasMessageContaining("holds no Deploy Gates record");
    }

    @Test
    void pathsOutsideTheWorkspaceAreRefused() throws Throwable {
        gateWritesInto("deploy-gates-reports");
        DeployGatesReportStep escaping = new DeployGatesReportStep();
        escaping.setOut("../elsewhere.html");
        DeployGatesReportStep outsideDir = new DeployGatesReportStep();
        outsideDir.setDir("/etc");
        DeployGatesReportStep wholeWorkspace = new DeployGatesReportStep();
        wholeWorkspace.setDir(".");

        assertThatThrownBy(() -> run(escaping, new FakeStepContext().withWorkspace(workspace.toFile())))
                .isInstanceOf(AbortException.class).hasMessage("deployGatesReport: out '../elsewhere.html' points "
                        + "outside the workspace: give a path relative to the workspace.");
        assertThatThrownBy(() -> run(outsideDir, new FakeStepContext().withWorkspace(workspace.toFile())))
                .isInstanceOf(AbortException.class).hasMessageStartingWith("deployGatesReport: dir '/etc' points outside");
        assertThatThrownBy(() -> run(wholeWorkspace, new FakeStepContext().withWorkspace(workspace.toFile())))
                .isInstanceOf(AbortException.class).hasMessage("deployGatesReport: dir '.' is the workspace itself: "
                        + "give the folder the steps wrote into, such as deploy-gates-reports.");
        assertThat(workspace.getParent().resolve("elsewhere.html")).doesNotExist();
    }

    @Test
    void blankParametersFallBackToTheDefaultsAndTheStepNeedsANode() {
        DeployGatesReportStep step = new DeployGatesReportStep();
        step.setDir(" ");
        step.setOut("");

        assertThat(step.getDir()).isEqualTo("deploy-gates-reports");
        assertThat(step.getOut()).isNull();
        assertThat(new DeployGatesReportStep.DescriptorImpl().getRequiredContext().contains(FilePath.class)).isTrue();
        assertThat(new DeployGatesReportStep.DescriptorImpl().getFunctionName()).isEqualTo("deployGatesReport");
    }
}
