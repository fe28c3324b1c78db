package io.jenkins.plugins.deploygates.engine.smoke;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.jenkins.plugins.deploygates.demo.DemoAuthService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the smoke engine's fast tests share: GreenMail as the SMTP relay and the IMAP inbox (with the run's login),
 * the example service they start (closed after each test), a clock the Retry-After waits move, and the run's log.
 */
abstract class GreenMailSmokeTest {
    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = SmokeFixture.greenMail();

    final MutableClock clock = new MutableClock();
    final List<String> log = new CopyOnWriteArrayList<>();
    DemoAuthService service;

    @BeforeEach
    void mailboxUser() {
        SmokeFixture.addMailboxUser(GREEN_MAIL);
    }

    @AfterEach
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    /** The check of this name in the report. */
    static CheckResult check(SmokeReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
