package io.jenkins.plugins.deploygates.engine.smoke;

import static io.jenkins.plugins.deploygates.engine.smoke.GreenMailSmokeTest.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.demo.AuthBreakage;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.smoke.CheckResult.Outcome;
import io.jenkins.plugins.deploygates.engine.smoke.mail.Mailbox;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxAccess;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxTrust;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxUri;
import io.jenkins.plugins.deploygates.testing.MagicLinkApp;
import io.jenkins.plugins.deploygates.testing.MagicLinkApp.Style;
import io.jenkins.plugins.deploygates.testing.RealMailStack;
import io.jenkins.plugins.deploygates.testing.TcpProxy;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * smokeAuthFlow against a real mail server (Postfix into Dovecot, see {@link RealMailStack}) and an independent
 * magic-link app ({@link MagicLinkApp}) that mails real multipart, quoted-printable emails through its SMTP port:
 * read over IMAP with STARTTLS and over IMAPS, each trusting the server's self-signed certificate through
 * mailboxTrustStore.
 */
class RealMailSmokeITest {
    private static final String TOKEN_PARAMETER = "(https?://[^\\s\"'<>]*[?&]%s=)([^&#\\s\"'<>]+)([^\\s\"'<>]*)";
    private RealMailStack mail;
    private MagicLinkApp app;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void stack() {
        mail = RealMailStack.get();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private MagicLinkApp app(Style style, AuthBreakage... broken) throws Exception {
        app = MagicLinkApp.start(mail.host(), mail.smtpPort(), style, broken);
        return app;
    }

    private MailboxTrust pem() {
        return MailboxTrust.readFile(mail.certificate(), null);
    }

    /** IMAP with STARTTLS, trusting the server's PEM certificate. */
    private Mailbox imap() {
        return MailboxUri.open(mail.imapUri(), MailboxAccess.login(null, mail.password()).trust(pem()));
    }

    private SmokeSettings settings(String email, Mailbox mailbox) {
        return new SmokeSettings(app.baseUrl(), email).plusTag(SmokeSettings.randomTag()).mailbox(mailbox)
                .secret(mail.password()).timeout(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200));
    }

    private SmokeReport run(SmokeSettings settings) throws InterruptedException {
        return run(settings, log::add);
    }

    private static SmokeReport run(SmokeSettings settings, ProgressLog to) throws InterruptedException {
        return new SmokeAuthFlow(settings, to, Sleeper.real()).run();
    }

    @Test
    void theDefaultFlowPassesOverImapWithStarttls() throws Exception {
        app(Style.MULTIPART);
        try (TcpProxy wire = TcpProxy.to(mail.imapPort())) {
            Mailbox mailbox = MailboxUri.open("imap://" + mail.user().replace("@", "%40") + "@127.0.0.1:" + wire.port()
                    + "/INBOX", MailboxAccess.login(null, mail.password()).trust(pem()));
            SmokeSettings settings = settings(mail.user(), mailbox)
                    .override("expiredToken", app.expiredToken(mail.user()));

            SmokeReport report = run(settings);

            assertThat(report.passed()).as(report.toMap().toString()).isTrue();
            assertThat(report.checks()).hasSize(11);
            assertThat(check(report, "mailbox ready").saw()).startsWith("logged in over TLS to imap://smoke%40example.test@");
            assertThat(wire.connections()).as("one IMAP connection for the whole run").isEqualTo(1);
            assertThat(wire.clientText()).contains("STARTTLS").doesNotContain(mail.password());
        }
    }

    @Test
    void theDefaultFlowPassesOverImapsWithAPkcs12TrustStore() throws Exception {
        app(Style.MULTIPART);
        MailboxTrust trust = MailboxTrust.readFile(mail.trustStore(), mail.trustStorePassword());
        Mailbox mailbox = MailboxUri.open(mail.imapsUri(), MailboxAccess.login(null, mail.password()).trust(trust));

        SmokeReport report = run(settings(mail.user(), mailbox));

        assertThat(report.passed()).as(report.toMap().toString()).isTrue();
        assertThat(check(report, "mailbox ready").saw()).contains("waiting with IDLE");
    }

    @Test
    void anHtmlOnlyQuotedPrintableEmailIsRead() throws Exception {
        app(Style.HTML_ONLY);

        SmokeReport report = run(settings(mail.user(), imap()));

        assertThat(report.passed()).as(report.toMap().toString()).isTrue();
    }

    @Test
    void aCodeParameterIsReadWithItsPattern() throws Exception {
        app(Style.CODE);

        SmokeReport report = run(settings(mail.user(), imap()).override("tokenPattern", TOKEN_PARAMETER.formatted("code")));

        assertThat(report.passed()).as(report.toMap().toString()).isTrue();
        assertThat(check(report, "invalid token rejected").request()).startsWith("GET " + app.baseUrl()
                + "/auth/callback?code=****");
    }

    @Test
    void aClickTrackedLinkIsFollowedToTheApp() throws Exception {
        app(Style.CLICK_TRACKED);
        SmokeSettings settings = settings(mail.user(), imap()).override("linkPattern", "(http://127\\.0\\.0\\.2:\\d+/c/[0-9a-f]+)");
        settings.allowLinkHosts(List.of(app.trackerHost()));

        SmokeReport report = run(settings);

        assertThat(report.passed()).as(report.toMap().toString()).isTrue();
        assertThat(check(report, "token verified").saw()).startsWith("2 click-tracking hop(s)");
        assertThat(app.verifyCookies()).noneMatch(c -> c.contains("trk="));
    }

    @ParameterizedTest
    @EnumSource(AuthBreakage.class)
    void eachBrokenBehaviourFailsExactlyItsOwnCheck(AuthBreakage breakage) throws Exception {
        app(Style.MULTIPART, breakage);
        SmokeSettings settings = settings(mail.user(), imap()).override("expiredToken", app.expiredToken(mail.user()));
        if (breakage == AuthBreakage.NO_EMAIL) {
            settings.timeout(Duration.ofSeconds(8));
        }

        SmokeReport report = run(settings);

        assertThat(report.failed()).as(report.toMap().toString()).extracting(CheckResult::name)
                .containsExactly(expectedFailure(breakage));
    }

    private static String expectedFailure(AuthBreakage breakage) {
        switch (breakage) {
            case LINK_REQUEST_FAILS: return "link requested";
            case NO_EMAIL: return "email received";
            case VERIFY_GIVES_NO_SESSION: return "token verified";
            case ME_FAILS: return "authenticated call";
            case INVALID_TOKEN_ACCEPTED: case INVALID_TOKEN_CRASHES: return "invalid token rejected";
            case REUSED_LINK_ACCEPTED: return "reused link rejected";
            case EXPIRED_TOKEN_ACCEPTED: return "expired token rejected";
            case LOGOUT_KEEPS_SESSION: return "logout invalidates session";
            case NO_RATE_LIMIT: return "rate limit present";
            default: return "Retry-After honoured";
        }
    }

    /** Issue 16, point 2: three runs at once per address, with and without a + already in it. */
    @Test
    void parallelRunsReadOnlyTheirOwnMailWithAndWithoutAPlusInTheAddress() throws Exception {
        app(Style.MULTIPART);
        ExecutorService runs = Executors.newFixedThreadPool(6);
        try {
            List<Future<SmokeReport>> reports = new ArrayList<>();
            for (String email : List.of(mail.user(), mail.user(), mail.user(), mail.address("ci"), mail.address("ci"),
                    mail.address("ci"))) {
                reports.add(runs.submit(() -> run(settings(email, imap()), line -> { })));
            }
            List<String> addresses = new ArrayList<>();
            for (Future<SmokeReport> f : reports) {
                SmokeReport report = f.get(5, TimeUnit.MINUTES);
                assertThat(report.passed()).as(report.toMap().toString()).isTrue();
                addresses.add(String.valueOf(report.toMap().get("email")));
            }
            assertThat(addresses).doesNotHaveDuplicates();
            assertThat(addresses.subList(3, 6)).allMatch(a -> a.matches("smoke\\+ci\\+smoke[0-9a-f]+@example\\.test"));
        } finally {
            runs.shutdownNow();
        }
    }

    @Test
    void aMissingEmailSaysThatOtherRunsGotTheirs() throws Exception {
        app(Style.MULTIPART, AuthBreakage.NO_EMAIL);
        String other = mail.address("another-run-" + System.nanoTime());
        SmokeSettings settings = settings(mail.user(), imap()).timeout(Duration.ofSeconds(10));

        SmokeReport report = run(settings, line -> {
            log.add(line);
            if (line.contains("PASSED link requested")) {
                send(other, "someone else's link");
            }
        });

        assertThat(check(report, "email received").reason()).contains("; meanwhile mail for other runs of this mailbox"
                + " arrived (" + other + "), so the mailbox works and nothing came for this run's address");
    }

    @Test
    void mailboxMistakesFailBeforeAnythingIsRequested() throws Exception {
        app(Style.MULTIPART);
        Mailbox wrongPassword = MailboxUri.open(mail.imapUri(), MailboxAccess.login(null, "not-it").trust(pem()));
        Mailbox noFolder = MailboxUri.open(mail.imapUri().replace("/INBOX", "/Smoke"),
                MailboxAccess.login(null, mail.password()).trust(pem()));
        Mailbox untrusted = MailboxUri.open(mail.imapsUri(), MailboxAccess.login(null, mail.password()));

        SmokeReport refused = run(settings(mail.user(), wrongPassword));
        SmokeReport missing = run(settings(mail.user(), noFolder));
        SmokeReport pkix = run(settings(mail.user(), untrusted));

        assertThat(check(refused, "mailbox ready").reason()).contains("refused the login of " + mail.user());
        assertThat(check(missing, "mailbox ready").reason()).startsWith("folder 'Smoke' does not exist in");
        assertThat(check(pkix, "mailbox ready").reason()).isEqualTo("127.0.0.1:" + mail.imapsPort() + " presented a"
                + " certificate that this JVM does not trust: give the server's certificate (PEM) or a trust store that"
                + " holds it with mailboxTrustStore (command line: --mailbox-trust-store).");
        for (SmokeReport report : List.of(refused, missing, pkix)) {
            assertThat(check(report, "link requested").outcome()).isEqualTo(Outcome.SKIPPED);
        }
        assertThat(app.linkRequests()).isZero();
    }

    private void send(String to, String text) {
        try {
            Properties p = new Properties();
            p.setProperty("mail.smtp.host", mail.host());
            p.setProperty("mail.smtp.port", Integer.toString(mail.smtpPort()));
            MimeMessage m = new MimeMessage(Session.getInstance(p));
            m.setFrom(new InternetAddress("no-reply@app.example.test"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            m.setSubject("Sign in");
            m.setText(text);
            Transport.send(m);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
