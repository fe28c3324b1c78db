package io.jenkins.plugins.deploygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** health-gate from the command line: every exit code, one-sentence errors, report files. */
class HealthGateCommandTest {
    private HttpServer server;
    private volatile int status = 200;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", x -> {
            byte[] body = "{\"status\":\"ok\",\"checks\":{\"database\":\"up\"}}".getBytes(StandardCharsets.UTF_8);
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

    @Test
    void exitsZeroWhenHealthyAndWritesTheReport(@TempDir Path reports) throws Exception {
        CliRun run = CliRun.of("health-gate", "--url", url(), "--expect-json", "$.checks.database == \"up\"",
                "--interval", "50ms", "--watch", "300ms", "--max-error-rate", "0.1", "--report-dir", reports.toString());

        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("PASS: healthy after").contains("report: " + reports.resolve("health-gate.json"));
        assertThat(run.err).isEmpty();
        assertThat(Files.readString(reports.resolve("health-gate.json"))).contains("\"verdict\" : \"PASS\"");
        assertThat(Files.readString(reports.resolve("health-gate-junit.xml"))).contains("tests=\"1\" failures=\"0\"");
    }

    @Test
    void ctrlCStopsTheGateAndStillReportsWhatItSaw(@TempDir Path reports) throws Exception {
        status = 503;
        CliRun[] run = new CliRun[1];
        Thread command = new Thread(() -> run[0] = CliRun.of("health-gate", "--url", url(), "--interval", "20ms",
                "--timeout", "5m", "--report-dir", reports.toString()));
        command.start();
        Thread.sleep(300);

        command.interrupt(); // what a stop signal does to the command's thread (StopSignalTest sends real ones)
        command.join(10_000);

        assertThat(run[0].exitCode).isEqualTo(ExitCode.FAILED);
        assertThat(run[0].out).contains("[healthGate] FAIL: stopped after").contains("(an interrupt)")
                .contains("report: " + reports.resolve("health-gate.json"));
        assertThat(run[0].err).startsWith("health-gate: stopped by an interrupt before the target was healthy, after ")
                .endsWith(" sample(s); record: " + reports.resolve("health-gate.json") + ", "
                        + reports.resolve("health-gate-junit.xml") + "." + System.lineSeparator());
        assertThat(Files.readString(reports.resolve("health-gate.json"))).contains("\"verdict\" : \"FAIL\"")
                .contains("HTTP 503");
    }

    @Test
    void exitsOneWhenTheGateFails(@TempDir Path reports) throws Exception {
        status = 503;

        CliRun run = CliRun.of("health-gate", "--url", url(), "--interval", "50ms", "--timeout", "200ms",
                "--report-dir", reports.toString());

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out).contains("FAIL: not healthy within 200ms; last failure: " + url() + ": HTTP 503");
        assertThat(run.err).isEqualTo("health-gate: not healthy within 200ms; last failure: " + url() + ": HTTP 503,"
                + " expected 200-299" + System.lineSeparator());
        assertThat(Files.readString(reports.resolve("health-gate-junit.xml"))).contains("failures=\"1\"");
    }

    @Test
    void exitsTwoWithOneSentenceForBadUsage() {
        CliRun noUrl = CliRun.of("health-gate");
        CliRun badDuration = CliRun.of("health-gate", "--url", url(), "--interval", "10");
        CliRun badUrl = CliRun.of("health-gate", "--url", "localhost/health");
        CliRun badJsonPath = CliRun.of("health-gate", "--url", url(), "--expect-json", "$.a.. == 1");
        CliRun zeroThreshold = CliRun.of("health-gate", "--url", url(), "--success-threshold", "0");

        for (CliRun run : new CliRun[] {noUrl, badDuration, badUrl, badJsonPath, zeroThreshold}) {
            assertThat(run.exitCode).isEqualTo(2);
            assertThat(run.err.lines().count()).isEqualTo(1);
            assertThat(run.err).doesNotContain("Exception", "\tat ");
        }
        assertThat(noUrl.err).startsWith("health-gate: Missing required option: '--url=URL'");
        assertThat(badDuration.err).contains("'10' is not a duration: write it as 500ms, 2s, 5m or 1h");
        assertThat(badUrl.err).startsWith("health-gate: url 'localhost/health' is not a usable address");
        assertThat(zeroThreshold.err).startsWith("health-gate: successThreshold is 0");
    }

    @CommandLine.Command(name = "broken")
    static final class Broken implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("token=abcdef123456 lost");
        }
    }

    @Test
    void exitsThreeWithOneLineForAnInternalError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = DeployGatesCli.commandLine(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        cli.addSubcommand("broken", new Broken());

        int code = cli.execute("broken");

        assertThat(code).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("broken: internal error (IllegalStateException:"
                + " token=**** lost); set DEPLOY_GATES_DEBUG=1 for the stack trace and report it." + System.lineSeparator());
    }
}
