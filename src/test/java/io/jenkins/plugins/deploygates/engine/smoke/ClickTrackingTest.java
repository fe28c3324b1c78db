package io.jenkins.plugins.deploygates.engine.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.smoke.CheckResult.Outcome;
import io.jenkins.plugins.deploygates.testing.ClickTracker;
import io.jenkins.plugins.deploygates.testing.MagicLinkApp;
import io.jenkins.plugins.deploygates.testing.MagicLinkApp.Style;
import java.time.Duration;
import java.util.List;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Emailed links that do not point straight at the app: a click tracker on another host that redirects twice (and
 * wants its cookie back), a lookalike host, a redirect loop, a tracker that leads elsewhere. The token may only
 * ever reach baseUrl's origin, or a host the user allowed.
 */
class ClickTrackingTest extends GreenMailSmokeTest {
    private static final String TRACKER_LINK = "(https?://127\\.0\\.0\\.2:\\d+/c/[0-9a-f]+)";

    private MagicLinkApp app;

    @AfterEach
    void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    private SmokeSettings settings(Style style) throws Exception {
        app = MagicLinkApp.start("127.0.0.1", GREEN_MAIL.getSmtp().getPort(), style);
        return new SmokeSettings(app.baseUrl(), SmokeFixture.ADDRESS).plusTag(SmokeFixture.TAG)
                .mailbox(SmokeFixture.mailbox(GREEN_MAIL)).secret(SmokeFixture.MAILBOX_PASSWORD)
                .timeout(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50));
    }

    private SmokeReport run(SmokeSettings settings) throws InterruptedException {
        return run(settings, log::add);
    }

    private SmokeReport run(SmokeSettings settings, ProgressLog to) throws InterruptedException {
        return new SmokeAuthFlow(settings, to, Sleeper.real()).run();
    }

    /** Issue 16, point 1: redirects were never followed, and "invalid token rejected" passed on the tracker's 404. */
    @Test
    void aClickTrackedLinkIsFollowedToTheAppAndTheOtherChecksTalkToTheApp() throws Exception {
        SmokeSettings settings = settings(Style.CLICK_TRACKED).override("linkPattern", TRACKER_LINK);
        settings.allowLinkHosts(List.of(app.trackerHost()));

        SmokeReport report = run(settings);

        assertThat(report.passed()).as(report.toMap().toString()).isTrue();
        String tracker = "http://" + app.trackerHost();
        assertThat(check(report, "token verified").saw()).isEqualTo("2 click-tracking hop(s): " + tracker + " -> 302, "
                + tracker + " -> 302, then 302");
        assertThat(check(report, "token verified").request()).startsWith("GET " + app.baseUrl() + "/api/auth/verify?token=****");
        assertThat(check(report, "invalid token rejected").request()).startsWith("GET " + app.baseUrl() + "/api/auth/verify?token=");
        assertThat(check(report, "invalid token rejected").status()).isEqualTo(401);
        assertThat(log).contains("  link hop 1: GET " + tracker + "/... -> 302", "  link hop 2: GET " + tracker + "/... -> 302");
        assertThat(app.trackerRequests()).hasSize(2).allMatch(r -> r.startsWith("GET /"));
        assertThat(app.trackerRequests().get(1)).contains("cookie=trk=");
        assertThat(app.verifyCookies()).as("the tracker's cookie stays with the tracker").noneMatch(c -> c.contains("trk="));
    }

    @Test
    void aTrackerThatIsNotAllowedIsNotRequested() throws Exception {
        SmokeReport report = run(settings(Style.CLICK_TRACKED).override("linkPattern", TRACKER_LINK));

        CheckResult verified = check(report, "token verified");
        assertThat(verified.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verified.reason()).isEqualTo("the emailed link points at http://" + app.trackerHost() + ", not at"
                + " baseUrl's " + app.baseUrl() + ", so it was not requested and its token went nowhere: if that host is a"
                + " click tracker or your sign-in host, allow it with allowedLinkHosts (command line: --allow-link-host)");
        assertThat(app.trackerRequests()).isEmpty();
        assertThat(check(report, "invalid token rejected").outcome()).isEqualTo(Outcome.SKIPPED);
    }

    /** Issue 15, point 10: a magic link to another host than baseUrl was followed with its token. */
    @Test
    void aLinkToAnotherHostGetsNoRequestAndNoToken() throws Exception {
        SmokeReport report = run(settings(Style.OFF_HOST));

        assertThat(check(report, "email received").outcome()).isEqualTo(Outcome.PASSED);
        assertThat(check(report, "token verified").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(check(report, "token verified").reason()).startsWith("the emailed link points at http://"
                + app.trackerHost() + ", not at baseUrl's");
        assertThat(app.trackerRequests()).as("the lookalike host got nothing").isEmpty();
        assertThat(check(report, "reused link rejected").outcome()).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void aTrackerThatLeadsToAThirdHostIsNotFollowedThere() throws Exception {
        try (ClickTracker tracker = new ClickTracker(); MockWebServer third = new MockWebServer()) {
            SmokeSettings settings = settings(Style.MULTIPART).override("linkPattern", TRACKER_LINK);
            settings.allowLinkHosts(List.of(tracker.base().substring("http://".length())));
            String hijacked = tracker.track(third.url("/api/auth/verify?token=stolen-token-0001").toString());

            SmokeReport report = run(settings, sendOnLinkRequest(hijacked));

            CheckResult verified = check(report, "token verified");
            assertThat(verified.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(verified.reason()).startsWith("the click-tracking redirect after " + tracker.base() + " -> 302 leads to "
                    + "http://" + third.getHostName() + ":" + third.getPort() + ", which is neither baseUrl's");
            assertThat(third.getRequestCount()).isZero();
        }
    }

    @Test
    void aRedirectLoopEndsAfterTenHops() throws Exception {
        try (MockWebServer loop = new MockWebServer()) {
            loop.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse().setResponseCode(302).setHeader("Location", "/again");
                }
            });
            String host = loop.getHostName() + ":" + loop.getPort();
            SmokeSettings settings = settings(Style.MULTIPART).override("linkPattern", "(http://" + host + "/loop)");
            settings.allowLinkHosts(List.of(host));

            SmokeReport report = run(settings, sendOnLinkRequest(loop.url("/loop").toString()));

            assertThat(check(report, "token verified").reason()).startsWith("the emailed link redirected 10 times without"
                    + " reaching " + app.baseUrl() + ", so it was not followed further");
            assertThat(loop.getRequestCount()).isEqualTo(LinkFollower.MAX_HOPS);
        }
    }

    /** Mails this link to the run's address right after the app mailed its own, so it is the newest. */
    private ProgressLog sendOnLinkRequest(String link) {
        return line -> {
            log.add(line);
            if (line.contains("PASSED link requested")) {
                GreenMailUtil.sendTextEmail(SmokeFixture.RUN_ADDRESS, "no-reply@app.example.test", "Sign in", link,
                        GREEN_MAIL.getSmtp().getServerSetup());
            }
        };
    }
}
