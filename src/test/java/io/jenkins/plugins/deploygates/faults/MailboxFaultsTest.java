package io.jenkins.plugins.deploygates.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.jenkins.plugins.deploygates.cli.CliEnvironment;
import io.jenkins.plugins.deploygates.demo.DemoAuthService;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.smoke.CheckResult;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeAuthFlow;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeFixture;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeReport;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeSettings;
import io.jenkins.plugins.deploygates.engine.smoke.Sleeper;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxAccess;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxUri;
import io.jenkins.plugins.deploygates.testing.TcpProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke test's mailbox misbehaving: it accepts the connection and then never speaks (IMAP and the Mailpit
 * API), nothing listens at all, or it stops answering in the middle of the run. The example service and its SMTP
 * (GreenMail) work; only the inbox fails. Each fault must fail the mailbox (or email) check with a clear reason,
 * skip the checks that need the link, end within the timeout's bound and still write the reports.
 */
class MailboxFaultsTest {
    private static final List<String> TRIED = new CopyOnWriteArrayList<>();
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** The timeout, and generous room for a cold JVM on a loaded machine (a hung run would not end at all). */
    private static final Duration BOUND = Duration.ofSeconds(20);

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = SmokeFixture.greenMail();

    @TempDir
    Path dir;
    private DemoAuthService service;
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private ServerSocket silent;

    @BeforeEach
    void setUp() throws IOException {
        SmokeFixture.addMailboxUser(GREEN_MAIL);
        CliEnvironment.use(Map.of("SMOKE_MAILBOX_PASSWORD", SmokeFixture.MAILBOX_PASSWORD));
        service = SmokeFixture.service(GREEN_MAIL, Clock.systemUTC(), Duration.ofSeconds(1));
    }

    @AfterEach
    void tearDown() throws IOException {
        CliEnvironment.reset();
        service.close();
        if (silent != null) {
            silent.close();
        }
        serverThreads.shutdownNow();
    }

    @AfterAll
    static void summary() {
        System.out.println("fault suite (mailbox): " + TRIED.size() + " faults tried: " + String.join(", ", TRIED));
    }

    /** Accepts every connection and never says a word: no IMAP greeting, no HTTP answer. */
    private int silentServer() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serverThreads.submit(() -> {
            while (!silent.isClosed()) {
                try {
                    Socket s = silent.accept();
                    serverThreads.submit(() -> {
                        try (s) {
                            Thread.sleep(60_000);
                        } catch (Exception e) {
                            // the client gave up, which is the point
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return silent.getLocalPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private CliOutcome smoke(String mailbox) {
        return CliOutcome.of("smoke-auth", "--base-url", service.baseUrl(), "--email", SmokeFixture.ADDRESS,
                "--plus-tag", SmokeFixture.TAG, "--timeout", TIMEOUT.toMillis() + "ms", "--mailbox", mailbox,
                "--mailbox-plaintext", "--report-dir", dir.toString());
    }

    /**
     * Exit 1 naming the mailbox check, in bounded time, with both reports written: the mailbox is checked before
     * anything is requested, so no link was asked for and every check of the flow is skipped.
     */
    private JsonNode assertMailboxNotReady(CliOutcome run, String reason) throws Exception {
        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(1);
        assertThat(run.errIsOneSentence()).as(run.err()).isTrue();
        assertThat(run.err()).contains("mailbox ready (" + reason);
        assertThat(run.took()).isLessThan(BOUND);
        assertThat(dir.resolve("smoke-auth-junit.xml")).exists();
        JsonNode report = Json.MAPPER.readTree(dir.resolve("smoke-auth.json").toFile());
        assertThat(report.path("checks").path("mailbox ready").path("outcome").asText()).isEqualTo("FAILED");
        assertThat(report.path("checks").path("link requested").path("outcome").asText()).isEqualTo("SKIPPED");
        assertThat(report.path("checks").path("token verified").path("outcome").asText()).isEqualTo("SKIPPED");
        assertThat(GREEN_MAIL.getReceivedMessages()).as("no link was requested").isEmpty();
        assertThat(Files.readString(dir.resolve("smoke-auth.json"))).doesNotContain(SmokeFixture.MAILBOX_PASSWORD);
        return report;
    }

    @Test
    void anImapServerThatNeverGreetsIsBoundedByTheTimeout() throws Exception {
        int port = silentServer();

        CliOutcome run = smoke("imap://" + SmokeFixture.MAILBOX_USER + "@127.0.0.1:" + port + "/INBOX");

        TRIED.add("IMAP that stalls");
        JsonNode report = assertMailboxNotReady(run, "connecting to imap://smoke@127.0.0.1:" + port
                + "/INBOX did not end within the run's timeout of 1s");
        assertThat(report.path("checks").path("mailbox ready").path("latencyMillis").asLong())
                .as("the report says how long the check waited").isPositive();
    }

    @Test
    void aMailpitApiThatNeverAnswersIsBoundedByTheTimeout() throws Exception {
        int port = silentServer();

        CliOutcome run = smoke("mailpit+http://127.0.0.1:" + port);

        TRIED.add("Mailpit API that stalls");
        assertMailboxNotReady(run, "");
        assertThat(run.err()).containsIgnoringCase("timeout");
    }

    @Test
    void anUnreachableImapServerFailsTheMailboxCheckAtOnce() throws Exception {
        int port = closedPort();

        CliOutcome run = smoke("imap://" + SmokeFixture.MAILBOX_USER + "@127.0.0.1:" + port + "/INBOX");

        TRIED.add("IMAP unreachable");
        assertMailboxNotReady(run, "cannot connect to imap://smoke@127.0.0.1:" + port + "/INBOX (Connection refused");
    }

    /**
     * Issue 16, point 5: each IMAP connect and read got the whole timeout, so a mailbox that stopped answering
     * near the end nearly doubled the run (10 s became 18.4 s). Here it stops answering right after the login.
     */
    @Test
    void anImapServerThatStopsAnsweringMidRunIsBoundedByTheTimeout() throws Exception {
        Duration timeout = Duration.ofSeconds(4);
        try (TcpProxy proxy = TcpProxy.to(GREEN_MAIL.getImap().getPort())) {
            SmokeSettings settings = new SmokeSettings(service.baseUrl(), SmokeFixture.ADDRESS).plusTag(SmokeFixture.TAG)
                    .mailbox(MailboxUri.open("imap://smoke@127.0.0.1:" + proxy.port() + "/INBOX",
                            MailboxAccess.login(null, SmokeFixture.MAILBOX_PASSWORD).plaintext(true)))
                    .timeout(timeout).pollInterval(Duration.ofMillis(50));
            ProgressLog stallOnceReady = line -> {
                if (line.contains("PASSED mailbox ready")) {
                    proxy.stall();
                }
            };
            long start = System.nanoTime();

            SmokeReport report = new SmokeAuthFlow(settings, stallOnceReady, Sleeper.real()).run();

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            TRIED.add("IMAP that stops answering mid-run");
            assertThat(took).as("the whole run, not each read, is bounded by the timeout")
                    .isLessThan(timeout.plusSeconds(3));
            assertThat(report.failed()).extracting(CheckResult::name).containsExactly("email received");
            assertThat(report.failed().get(0).reason()).startsWith("no answer: reading imap://smoke@127.0.0.1:"
                    + proxy.port() + "/INBOX did not end within the run's timeout of 4s");
            assertThat(report.notRun()).extracting(CheckResult::name).containsExactly("rate limit present");
        }
    }
}
