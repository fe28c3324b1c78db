package io.jenkins.plugins.deploygates.engine.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.demo.AuthBreakage;
import io.jenkins.plugins.deploygates.engine.smoke.CheckResult.Outcome;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxAccess;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxUri;
import io.jenkins.plugins.deploygates.testing.TcpProxy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run's mailbox, against GreenMail's IMAP through a proxy that shows the wire: checked before anything is
 * requested, one connection for the whole run, no password in clear unless the user says so, no email in a debug
 * trace.
 */
class SmokeMailboxTest extends GreenMailSmokeTest {
    private TcpProxy proxy;

    @BeforeEach
    void proxy() throws Exception {
        proxy = TcpProxy.to(GREEN_MAIL.getImap().getPort());
    }

    @AfterEach
    void closeProxy() throws Exception {
        proxy.close();
    }

    private SmokeReport run(String mailbox, MailboxAccess access, Duration timeout, AuthBreakage... broken)
            throws Exception {
        service = SmokeFixture.service(GREEN_MAIL, clock, broken);
        SmokeSettings settings = new SmokeSettings(service.baseUrl(), SmokeFixture.ADDRESS).plusTag(SmokeFixture.TAG)
                .mailbox(MailboxUri.open(mailbox, access)).secret(SmokeFixture.MAILBOX_PASSWORD).timeout(timeout)
                .pollInterval(Duration.ofMillis(50));
        return new SmokeAuthFlow(settings, log::add, clock.sleeper()).run();
    }

    private String viaProxy(String folder) {
        return "imap://" + SmokeFixture.MAILBOX_USER + "@127.0.0.1:" + proxy.port() + "/" + folder;
    }

    private static MailboxAccess plaintext(String password) {
        return MailboxAccess.login(null, password).plaintext(true);
    }

    /** The mailbox failed, so nothing was requested: no link, no email, every check of the flow skipped. */
    private static void assertNothingWasRequested(SmokeReport report) {
        assertThat(report.checks().get(0).name()).isEqualTo("mailbox ready");
        assertThat(report.checks().get(0).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.checks().subList(1, report.checks().size())).extracting(CheckResult::outcome)
                .containsOnly(Outcome.SKIPPED);
        assertThat(GREEN_MAIL.getReceivedMessages()).as("no link was requested, so none was mailed").isEmpty();
        assertThat(report.failed()).extracting(CheckResult::name).containsExactly("mailbox ready");
    }

    /** Issue 15, point 4: imap:// logged in in clear although nothing said it may. */
    @Test
    void imapWithoutStarttlsSendsNoPasswordUnlessTheUserAcceptsClearText() throws Exception {
        SmokeReport report = run(viaProxy("INBOX"), MailboxAccess.login(null, SmokeFixture.MAILBOX_PASSWORD),
                Duration.ofSeconds(30));

        assertNothingWasRequested(report);
        assertThat(report.checks().get(0).reason()).isEqualTo("imap://127.0.0.1:" + proxy.port() + " does not offer"
                + " STARTTLS, so the mailbox password would travel in clear text and was not sent: use imaps://, or"
                + " accept clear text with mailboxPlaintext (command line: --mailbox-plaintext).");
        assertThat(proxy.clientText()).doesNotContain(SmokeFixture.MAILBOX_PASSWORD).doesNotContainIgnoringCase("LOGIN ")
                .doesNotContainIgnoringCase("AUTHENTICATE");
    }

    @Test
    void acceptingClearTextIsSaidOnEveryRun() throws Exception {
        SmokeReport report = run(viaProxy("INBOX"), plaintext(SmokeFixture.MAILBOX_PASSWORD), Duration.ofSeconds(30));

        assertThat(report.passed()).as(report.toMap().toString()).isTrue();
        assertThat(log).anyMatch(l -> l.startsWith("WARNING: mailboxPlaintext (command line: --mailbox-plaintext) is"
                + " on: if 127.0.0.1:" + proxy.port() + " does not offer STARTTLS, the mailbox password goes to it in"
                + " clear text."));
        assertThat(report.checks().get(0).saw()).startsWith("logged in IN CLEAR TEXT to imap://smoke@127.0.0.1:");
    }

    /** Issue 16, point 4: a wrong password showed only after the link was requested and the wait ran out. */
    @Test
    void aWrongPasswordFailsBeforeAnythingIsRequested() throws Exception {
        SmokeReport report = run(viaProxy("INBOX"), plaintext("not-the-password"), Duration.ofSeconds(30));

        assertNothingWasRequested(report);
        assertThat(report.checks().get(0).reason()).contains("refused the login of smoke")
                .doesNotContain("not-the-password");
    }

    @Test
    void aMissingFolderFailsBeforeAnythingIsRequested() throws Exception {
        SmokeReport report = run(viaProxy("Smoke"), plaintext(SmokeFixture.MAILBOX_PASSWORD), Duration.ofSeconds(30));

        assertNothingWasRequested(report);
        assertThat(report.checks().get(0).reason()).startsWith("folder 'Smoke' does not exist in imap://smoke@127.0.0.1:");
    }

    @Test
    void aClosedPortFailsBeforeAnythingIsRequested() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        SmokeReport report = run("imap://smoke@127.0.0.1:" + closed + "/INBOX", plaintext(SmokeFixture.MAILBOX_PASSWORD),
                Duration.ofSeconds(30));

        assertNothingWasRequested(report);
        assertThat(report.checks().get(0).reason()).startsWith("cannot connect to imap://smoke@127.0.0.1:" + closed);
    }

    /**
     * Issue 16, point 4: every poll logged in again (16 logins in 8 s). Now the run keeps one connection and waits
     * with IDLE, however long the email takes (here it never comes).
     */
    @Test
    void theRunLogsInOnceAndWaitsWithIdle() throws Exception {
        SmokeReport report = run(viaProxy("INBOX"), plaintext(SmokeFixture.MAILBOX_PASSWORD), Duration.ofSeconds(2),
                AuthBreakage.NO_EMAIL);

        assertThat(report.failed()).extracting(CheckResult::name).containsExactly("email received");
        assertThat(proxy.connections()).isEqualTo(1);
        assertThat(proxy.clientText()).contains(" IDLE\r\n");
        assertThat(proxy.clientText().split(" LOGIN ", -1)).hasSize(2);
    }

    /** Issue 15, point 8: -Dmail.debug=true printed the whole IMAP session, the email with its link included. */
    @Test
    void aMailDebugPropertyPrintsNoEmail() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setProperty("mail.debug", "true");
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        SmokeReport report;
        try {
            report = run(viaProxy("INBOX"), plaintext(SmokeFixture.MAILBOX_PASSWORD), Duration.ofSeconds(30));
        } finally {
            System.setOut(console);
            System.clearProperty("mail.debug");
        }

        assertThat(report.checks()).filteredOn(c -> c.name().equals("email received"))
                .extracting(CheckResult::outcome).containsExactly(Outcome.PASSED);
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("/api/auth/verify?token=")
                .doesNotContain(SmokeFixture.MAILBOX_PASSWORD);
    }
}
