package io.jenkins.plugins.deploygates.engine.smoke;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.jenkins.plugins.deploygates.demo.AuthBreakage;
import io.jenkins.plugins.deploygates.demo.DemoAuthService;
import io.jenkins.plugins.deploygates.engine.smoke.mail.Mailbox;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxAccess;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxUri;
import java.io.IOException;
import java.time.Duration;

/**
 * The real parts a smoke test runs against: GreenMail as SMTP + IMAP server on loopback, and the example auth
 * service mailing its links through it. The rate-limit window runs on a {@link MutableClock}.
 */
public final class SmokeFixture {
    public static final String MAILBOX_USER = "smoke";
    public static final String MAILBOX_PASSWORD = "mailbox-pw-7f3a9c";
    public static final String ADDRESS = "smoke@example.test";
    public static final String TAG = "run42";
    public static final String RUN_ADDRESS = "smoke+run42@example.test";
    public static final Duration RATE_WINDOW = Duration.ofSeconds(3);

    private SmokeFixture() {}

    public static GreenMailExtension greenMail() {
        ServerSetup[] setups = {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()};
        return new GreenMailExtension(setups);
    }

    /** Creates the IMAP login for the run's plus address (GreenMail keeps one mailbox per address). */
    public static void addMailboxUser(GreenMailExtension greenMail) {
        greenMail.setUser(RUN_ADDRESS, MAILBOX_USER, MAILBOX_PASSWORD);
    }

    public static DemoAuthService service(GreenMailExtension greenMail, MutableClock clock, AuthBreakage... broken)
            throws IOException {
        return service(greenMail, clock, RATE_WINDOW, broken);
    }

    /** With a real clock and a one-second window, for runs that really wait out Retry-After. */
    public static DemoAuthService service(GreenMailExtension greenMail, java.time.Clock clock, Duration window,
            AuthBreakage... broken) throws IOException {
        DemoAuthService.Options options = DemoAuthService.options()
                .smtp("127.0.0.1", greenMail.getSmtp().getPort())
                .clock(clock)
                .rateLimit(3, window);
        for (AuthBreakage b : broken) {
            options.broken(b);
        }
        return options.start();
    }

    public static String imapUri(GreenMailExtension greenMail) {
        return "imap://" + MAILBOX_USER + "@127.0.0.1:" + greenMail.getImap().getPort() + "/INBOX";
    }

    /**
     * GreenMail's IMAP inbox. GreenMail offers no STARTTLS, so these loopback tests accept clear text, as a user must
     * say explicitly (the real mail stack's tests use STARTTLS).
     */
    public static Mailbox mailbox(GreenMailExtension greenMail) {
        return MailboxUri.open(imapUri(greenMail), MailboxAccess.login(null, MAILBOX_PASSWORD).plaintext(true));
    }
}
