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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** health-gate from the command line: every exit code, one-sentence errors, report files. */
class HealthGateCommandTest {
    private HttpServer server;
    private volatile int status = 200;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> tenants = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", x -> {
            requests.incrementAndGet();
            String tenant = x.getRequestHeaders().getFirst("X-Tenant");
            if (tenant != null) {
                tenants.add(tenant);
            }
            byte[] body = ("{\"status\":\"ok\",\"checks\":{\"database\":\"up\"},\"tenant\":\"" + tenant + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
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

    @Test
    void theSuccessThresholdReachesTheEngine() {
        CliRun run = CliRun.of("health-gate", "--url", url(), "--interval", "20ms", "--success-threshold", "3");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(requests.get()).as("three healthy rounds in a row, not one").isEqualTo(3);
        assertThat(run.out).contains("(3 consecutive success(es) needed)").contains("(3 consecutive healthy round(s))");
    }

    @Test
    void optionsThatWouldOutlastTheTimeoutAreRefusedBeforeAnyProbe() {
        CliRun lateStart = CliRun.of("health-gate", "--url", url(), "--initial-delay", "10s", "--timeout", "2s");
        CliRun longAttempt = CliRun.of("health-gate", "--url", url(), "--attempt-timeout", "10s", "--timeout", "2s");

        assertThat(lateStart.exitCode).isEqualTo(2);
        assertThat(lateStart.err).isEqualTo("health-gate: initialDelay (10s) is not shorter than timeout (2s), which"
                + " counts from the start: the gate would end before its first probe; give a longer timeout, such as 12s."
                + System.lineSeparator());
        assertThat(longAttempt.exitCode).isEqualTo(2);
        assertThat(longAttempt.err).startsWith("health-gate: attemptTimeout (10s) is longer than timeout (2s)")
                .hasLineCount(1);
        assertThat(requests.get()).isZero();
    }

    @Test
    void aShortTimeoutAloneIsFineAndBoundsTheDefaultAttempt() {
        status = 503;

        CliRun run = CliRun.of("health-gate", "--url", url(), "--interval", "50ms", "--timeout", "1s");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out).contains("FAIL: not healthy within 1s");
    }

    @Test
    void aHeaderFromTheEnvironmentIsSentButNeverShown() {
        CliEnvironment.use(Map.of("HEALTH_TENANT_KEY", "tenant-c81f2e07"));
        try {
            CliRun run = CliRun.of("health-gate", "--url", url(), "--interval", "20ms", "--header-from-env",
                    "X-Tenant=HEALTH_TENANT_KEY", "--expect-json", "$.tenant == \"someone else\"", "--timeout", "300ms");
            CliRun unset = CliRun.of("health-gate", "--url", url(), "--header-from-env", "X-Tenant=NOT_SET_ANYWHERE");
            CliRun malformed = CliRun.of("health-gate", "--url", url(), "--header-from-env", "X-Tenant");

            assertThat(tenants).contains("tenant-c81f2e07");
            assertThat(run.exitCode).isEqualTo(1);
            assertThat(run.out).contains("$['tenant'] is \"****\"").doesNotContain("tenant-c81f2e07");
            assertThat(unset.exitCode).isEqualTo(2);
            assertThat(unset.err).startsWith("health-gate: environment variable NOT_SET_ANYWHERE (for --header-from-env"
                    + " X-Tenant=NOT_SET_ANYWHERE) is not set or empty");
            assertThat(malformed.err).startsWith("health-gate: --header-from-env 'X-Tenant' is not Name=ENV_VAR");
        } finally {
            CliEnvironment.reset();
        }
    }

    @Test
    void crossOriginRedirectsIsMappedAndChecked() {
        HealthGateCommand command = new HealthGateCommand();
        new CommandLine(command).registerConverter(java.time.Duration.class, new DurationConverter())
                .parseArgs("--url", url(), "--cross-origin-redirects", "refuse", "--follow-redirects");
        CliRun wrong = CliRun.of("health-gate", "--url", url(), "--cross-origin-redirects", "yes");

        assertThat(command.spec().toConfig().targets().get(0).crossOriginRedirects())
                .isEqualTo(io.jenkins.plugins.deploygates.engine.health.CrossOriginRedirects.REFUSE);
        assertThat(wrong.exitCode).isEqualTo(2);
        assertThat(wrong.err).startsWith("health-gate: crossOriginRedirects 'yes' is not a choice");
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
