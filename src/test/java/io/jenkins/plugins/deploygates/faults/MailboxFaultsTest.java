package io.jenkins.plugins.deploygates.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.jenkins.plugins.deploygates.cli.CliEnvironment;
import io.jenkins.plugins.deploygates.demo.DemoAuthService;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeFixture;
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
 * API), or nothing listens at all. The example service and its SMTP (GreenMail) work; only the inbox fails. Each
 * fault must fail the email check with a clear reason, skip the checks that need the link, end within the
 * timeout's bound and still write the reports.
 */
class MailboxFaultsTest {
    private static final List<String> TRIED = new CopyOnWriteArrayList<>();
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** The timeout, the rate-limit check's one-second Retry-After, and room for a loaded machine. */
    private static final Duration BOUND = Duration.ofSeconds(8);

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
                "--report-dir", dir.toString());
    }

    /** Exit 1 naming the email check, in bounded time, with both reports written and the link checks skipped. */
    private JsonNode assertEmailCheckFailed(CliOutcome run, String reason) throws Exception {
        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(1);
        assertThat(run.errIsOneSentence()).as(run.err()).isTrue();
        assertThat(run.err()).contains("email received (" + reason);
        assertThat(run.took()).isLessThan(BOUND);
        assertThat(dir.resolve("smoke-auth-junit.xml")).exists();
        JsonNode report = Json.MAPPER.readTree(dir.resolve("smoke-auth.json").toFile());
        assertThat(report.path("checks").path("email received").path("outcome").asText()).isEqualTo("FAILED");
        assertThat(report.path("checks").path("token verified").path("outcome").asText()).isEqualTo("SKIPPED");
        assertThat(report.path("checks").path("link requested").path("outcome").asText()).isEqualTo("PASSED");
        assertThat(Files.readString(dir.resolve("smoke-auth.json"))).doesNotContain(SmokeFixture.MAILBOX_PASSWORD);
        return report;
    }

    @Test
    void anImapServerThatNeverGreetsIsBoundedByTheTimeout() throws Exception {
        int port = silentServer();

        CliOutcome run = smoke("imap://" + SmokeFixture.MAILBOX_USER + "@127.0.0.1:" + port + "/INBOX");

        TRIED.add("IMAP that stalls");
        JsonNode report = assertEmailCheckFailed(run, "no answer: IMAP imap://smoke@127.0.0.1:" + port + "/INBOX failed");
        assertThat(report.path("checks").path("email received").path("latencyMillis").asLong())
                .as("the report says how long the check waited").isGreaterThanOrEqualTo(TIMEOUT.toMillis() - 50);
    }

    @Test
    void aMailpitApiThatNeverAnswersIsBoundedByTheTimeout() throws Exception {
        int port = silentServer();

        CliOutcome run = smoke("mailpit+http://127.0.0.1:" + port);

        TRIED.add("Mailpit API that stalls");
        assertEmailCheckFailed(run, "no answer: ");
        assertThat(run.err()).containsIgnoringCase("timeout");
    }

    @Test
    void anUnreachableImapServerFailsTheEmailCheckAtOnce() throws Exception {
        int port = closedPort();

        CliOutcome run = smoke("imap://" + SmokeFixture.MAILBOX_USER + "@127.0.0.1:" + port + "/INBOX");

        TRIED.add("IMAP unreachable");
        assertEmailCheckFailed(run, "no answer: IMAP imap://smoke@127.0.0.1:" + port + "/INBOX failed");
        assertThat(run.err()).contains("Couldn't connect");
    }
}
