package io.jenkins.plugins.deploygates.engine.smoke.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.deploygates.demo.AuthBreakage;
import io.jenkins.plugins.deploygates.demo.DemoAuthService;
import io.jenkins.plugins.deploygates.engine.smoke.CheckResult;
import io.jenkins.plugins.deploygates.engine.smoke.MutableClock;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeAuthFlow;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeReport;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MailDev adapter against a real MailDev from npm, with the example service mailing through it. */
class MailDevMailboxTest {
    @TempDir
    static Path mailDir;
    private static MailDevProcess mailDev;
    private final MutableClock clock = new MutableClock();
    private DemoAuthService service;

    @BeforeAll
    static void startMailDev() throws Exception {
        assumeTrue(MailDevProcess.nodeAvailable(), "node is not installed, so MailDev cannot run: install Node.js "
                + "and run 'npm install --prefix test-tools/maildev' (the Maven build does it) to include this test");
        mailDev = MailDevProcess.start(mailDir);
    }

    @AfterAll
    static void stopMailDev() throws Exception {
        if (mailDev != null) {
            mailDev.close();
        }
    }

    @AfterEach
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    private SmokeReport smoke(String tag, AuthBreakage... broken) throws Exception {
        return smoke(tag, Duration.ofSeconds(30), broken);
    }

    /** The rate-limit window runs on the moved clock, so only a missing email costs real time: the timeout. */
    private SmokeReport smoke(String tag, Duration timeout, AuthBreakage... broken) throws Exception {
        DemoAuthService.Options options = DemoAuthService.options().smtp("127.0.0.1", mailDev.smtpPort).clock(clock)
                .rateLimit(3, Duration.ofSeconds(2));
        for (AuthBreakage b : broken) {
            options.broken(b);
        }
        service = options.start();
        SmokeSettings settings = new SmokeSettings(service.baseUrl(), "smoke@example.test").plusTag(tag)
                .mailbox(mailDevMailbox()).timeout(timeout).pollInterval(Duration.ofMillis(50));
        return new SmokeAuthFlow(settings, line -> { }, clock.sleeper()).run();
    }

    @Test
    void theWholeFlowPassesReadingLinksFromMailDev() throws Exception {
        SmokeReport report = smoke("maildev1");

        assertThat(report.passed()).as(report.toMap().toString()).isTrue();
    }

    @Test
    void eachRunReadsOnlyItsOwnPlusAddress() throws Exception {
        smoke("maildev2");
        List<MailMessage> all = mailDevMailbox().connect(Duration.ofSeconds(3)).messagesSince(Instant.EPOCH);

        assertThat(all).filteredOn(m -> m.isFor("smoke+maildev2@example.test")).isNotEmpty()
                .allSatisfy(m -> assertThat(m.text()).contains("/api/auth/verify?token="));
        assertThat(all).filteredOn(m -> m.isFor("smoke+nobody@example.test")).isEmpty();
    }

    private static Mailbox mailDevMailbox() {
        return MailboxUri.open("maildev+http://127.0.0.1:" + mailDev.webPort, MailboxAccess.login(null, null));
    }

    @Test
    void aMissingEmailFailsOnlyEmailReceived() throws Exception {
        SmokeReport report = smoke("maildev3", Duration.ofSeconds(3), AuthBreakage.NO_EMAIL);
        // (the mailbox wait is the 3s timeout: the price of proving that nothing came)

        assertThat(report.failed()).extracting(CheckResult::name).containsExactly("email received");
    }
}
