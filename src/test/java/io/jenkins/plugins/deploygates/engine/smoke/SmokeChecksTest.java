package io.jenkins.plugins.deploygates.engine.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.jenkins.plugins.deploygates.demo.AuthBreakage;
import io.jenkins.plugins.deploygates.demo.DemoAuthService;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.smoke.CheckResult.Outcome;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the checks mean and report: the two rate-limit checks, warn-only checks, checks that could say nothing,
 * what each check saw, several emails to one address, a run stopped half-way, and a Retry-After longer than what
 * is left of the run.
 */
class SmokeChecksTest extends GreenMailSmokeTest {

    private SmokeSettings settings(AuthBreakage... broken) throws Exception {
        service = SmokeFixture.service(GREEN_MAIL, clock, broken);
        return settingsFor(service);
    }

    private static SmokeSettings settingsFor(DemoAuthService service) {
        return new SmokeSettings(service.baseUrl(), SmokeFixture.ADDRESS).plusTag(SmokeFixture.TAG)
                .mailbox(SmokeFixture.mailbox(GREEN_MAIL)).secret(SmokeFixture.MAILBOX_PASSWORD)
                .timeout(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50));
    }

    private SmokeReport run(SmokeSettings settings) throws InterruptedException {
        return new SmokeAuthFlow(settings, log::add, clock.sleeper()).run();
    }

    /** Issue 16, point 6: one check conflated "a limit exists" with "its Retry-After is accurate". */
    @Test
    void aTooShortRetryAfterFailsItsOwnCheckWhileTheLimitIsSeen() throws Exception {
        SmokeReport report = run(settings(AuthBreakage.RETRY_AFTER_TOO_SHORT));

        CheckResult present = check(report, "rate limit present");
        assertThat(present.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(present.status()).isEqualTo(429);
        assertThat(present.saw()).matches("429 on request \\d+ of 20 \\(Retry-After: 0\\)");
        CheckResult honoured = check(report, "Retry-After honoured");
        assertThat(honoured.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(honoured.reason()).isEqualTo("after waiting the Retry-After of 0s, POST " + service.baseUrl()
                + "/api/auth/send-magic-link answered 429, expected 2xx");
        assertThat(honoured.saw()).isEqualTo("waited the Retry-After of 0s, then 429");
    }

    @Test
    void aHonouredRetryAfterSaysHowLongItWaited() throws Exception {
        SmokeReport report = run(settings());

        assertThat(check(report, "Retry-After honoured").saw()).isEqualTo("waited the Retry-After of 3s, then 202");
        assertThat(report.toMap().toString()).contains("saw=429 on request");
        assertThat(String.join("\n", log)).contains("PASSED rate limit present - POST " + service.baseUrl()
                + "/api/auth/send-magic-link -> 429");
    }

    @Test
    void aWarnOnlyCheckWarnsAndTheRunPasses(@TempDir Path dir) throws Exception {
        SmokeReport report = run(settings(AuthBreakage.RETRY_AFTER_TOO_SHORT).warnOnly(List.of("Retry-After honoured")));
        report.writeTo(dir);

        assertThat(report.passed()).isTrue();
        assertThat(check(report, "Retry-After honoured").outcome()).isEqualTo(Outcome.WARNED);
        assertThat(report.toMap()).containsEntry("warned", List.of("Retry-After honoured"));
        assertThat(Files.readString(dir.resolve(SmokeReport.JUNIT_FILE))).contains("failures=\"0\"")
                .contains("WARNED (warn-only): after waiting the Retry-After of 0s");
        assertThat(log).anyMatch(l -> l.startsWith("  WARNED Retry-After honoured"));
    }

    /** Issue 16, point 6: "reused link rejected" passed on the 410 of a link the run itself never got to use. */
    @Test
    void theReusedLinkCheckIsSkippedWhenNothingWasVerified() throws Exception {
        SmokeReport report = run(settings().override("verifyExpect", "200"));

        assertThat(check(report, "token verified").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(check(report, "reused link rejected").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(check(report, "reused link rejected").reason()).isEqualTo("runs after 'token verified', which did"
                + " not pass");
    }

    /** Issue 16, point 2: two runs reading one address got "410 already used" with no hint of the cause. */
    @Test
    void aSecondEmailToTheSameAddressIsNamedWhenTheSignInFails() throws Exception {
        service = SmokeFixture.service(GREEN_MAIL, clock);
        String decoy = service.baseUrl() + "/api/auth/verify?token=" + "ab".repeat(20);
        ProgressLog anotherRunsMail = line -> {
            log.add(line);
            if (line.contains("PASSED link requested")) {
                GreenMailUtil.sendTextEmail(SmokeFixture.RUN_ADDRESS, "no-reply@demo.invalid", "Your sign-in link",
                        decoy, GREEN_MAIL.getSmtp().getServerSetup());
            }
        };

        SmokeReport report = new SmokeAuthFlow(settingsFor(service), anotherRunsMail, clock.sleeper()).run();

        CheckResult verified = check(report, "token verified");
        assertThat(verified.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verified.reason()).endsWith("; 2 emails to smoke+run42@example.test arrived after the request and"
                + " the newest was used: another run may be using the same address (give each run its own plus tag)");
        assertThat(check(report, "email received").saw()).contains("(2 to this address)");
    }

    /**
     * Issue 15, point 3: an email's text is read up to {@link MailText#CAP} (1 MiB), never more. The newest email to
     * the run's address is larger than that, its link after the first MiB: the check says the cap was hit, and no link
     * from past the cap is followed.
     */
    @Test
    void anEmailLargerThanTheCapIsNotReadAndTheCheckSaysSo() throws Exception {
        service = SmokeFixture.service(GREEN_MAIL, clock);
        String pastTheCap = service.baseUrl() + "/api/auth/verify?token=" + "cd".repeat(20);
        String enormous = ("padding ".repeat(128) + "\r\n").repeat((int) (MailText.CAP / 1024) + 1) + pastTheCap;
        ProgressLog enormousMail = line -> {
            log.add(line);
            if (line.contains("PASSED link requested")) {
                GreenMailUtil.sendTextEmail(SmokeFixture.RUN_ADDRESS, "no-reply@demo.invalid", "Your sign-in link",
                        enormous, GREEN_MAIL.getSmtp().getServerSetup());
            }
        };

        SmokeReport report = new SmokeAuthFlow(settingsFor(service), enormousMail, clock.sleeper()).run();

        CheckResult received = check(report, "email received");
        assertThat(received.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(received.reason()).isEqualTo("the email's text passed the 1 MiB cap, so reading stopped there");
        assertThat(check(report, "token verified").outcome()).isEqualTo(Outcome.SKIPPED);
    }

    /** Issue 15, point 8: a failing check quoted a response body holding a session id the run never learnt. */
    @Test
    void aSessionIdTheRunNeverLearntIsNotQuoted(@TempDir Path dir) throws Exception {
        String unlearnt = "5e55101d0123456789abcdef0123456789abcdef";
        try (MockWebServer app = new MockWebServer()) {
            app.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    switch (request.getPath()) {
                        case "/api/auth/login": return request.getBody().readUtf8().contains("correct-horse-42")
                                ? json(200, "{\"sessionToken\": \"learnt-session-0001\"}") : json(401, "{\"error\": \"no\"}");
                        // logout keeps the session, and the answer names a session the run never saw
                        case "/api/me": return json(200, "{\"email\": \"user@example.test\", \"sessionId\": \"" + unlearnt + "\"}");
                        case "/api/auth/logout": return new MockResponse().setResponseCode(204);
                        default: return json(404, "{}");
                    }
                }
            });
            SmokeSettings settings = new SmokeSettings(app.url("/").toString(), "user@example.test")
                    .flow(FlowDefinition.builtIn(FlowDefinition.PASSWORD)).login("user@example.test", "correct-horse-42")
                    .override("rateLimitRequests", "1").timeout(Duration.ofSeconds(20));

            SmokeReport report = run(settings);
            report.writeTo(dir);

            String everything = String.join("\n", log) + report.toMap() + Files.readString(dir.resolve(SmokeReport.JSON_FILE))
                    + Files.readString(dir.resolve(SmokeReport.JUNIT_FILE));
            assertThat(check(report, "logout invalidates session").reason()).contains("answered 200, expected 401 (body: ")
                    .contains("\"sessionId\": \"****\"");
            assertThat(everything).doesNotContain(unlearnt).doesNotContain(unlearnt.substring(8));
        }
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    /** Issue 17, point 2: a stopped run printed nothing and left no record; now it hands over what ran. */
    @Test
    void aStoppedRunHandsOverWhatRanAndMarksTheRestNotRun() throws Exception {
        SmokeSettings settings = settings(AuthBreakage.NO_EMAIL);
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try {
                outcome.complete(run(settings));
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        runner.start();
        awaitLine("PASSED link requested");

        runner.interrupt();

        Object ended = outcome.get(20, TimeUnit.SECONDS);
        assertThat(ended).isInstanceOf(SmokeRunStopped.class);
        SmokeReport report = ((SmokeRunStopped) ended).report();
        Map<String, Outcome> outcomes = report.checks().stream()
                .collect(Collectors.toMap(CheckResult::name, CheckResult::outcome, (a, b) -> a, java.util.LinkedHashMap::new));
        assertThat(outcomes).containsEntry("mailbox ready", Outcome.PASSED).containsEntry("link requested", Outcome.PASSED)
                .containsEntry("email received", Outcome.NOT_RUN).containsEntry("Retry-After honoured", Outcome.NOT_RUN)
                .hasSize(10);
        assertThat(check(report, "email received").reason()).startsWith("the run was stopped while this check ran");
        assertThat(report.stopped()).isTrue();
        assertThat(report.passed()).isFalse();
        assertThat(((SmokeRunStopped) ended).getMessage()).isEqualTo("smoke test of " + service.baseUrl()
                + " was stopped after 2 of 10 checks; the other 8 are marked not run");
        assertThat(log).anyMatch(l -> l.startsWith("smokeAuthFlow: stopped before it finished"));
    }

    /** Issue 16, point 5: the Retry-After wait came on top of the timeout; now it must fit in what is left. */
    @Test
    void aRetryAfterLongerThanTheRunHasLeftIsNotWaited() throws Exception {
        service = SmokeFixture.service(GREEN_MAIL, Clock.systemUTC(), Duration.ofSeconds(60));
        List<Duration> slept = new CopyOnWriteArrayList<>();
        SmokeSettings settings = settingsFor(service).timeout(Duration.ofSeconds(20)).maxRetryAfter(Duration.ofMinutes(2));

        SmokeReport report = new SmokeAuthFlow(settings, log::add, slept::add).run();

        CheckResult honoured = check(report, "Retry-After honoured");
        assertThat(honoured.outcome()).isEqualTo(Outcome.NOT_RUN);
        assertThat(report.passed()).isFalse();
        assertThat(honoured.reason()).matches("Retry-After asks for (59|1m)s? but the run's timeout of 20s leaves \\d+ms:"
                + " raise timeout to check it is honoured|Retry-After asks for 1m but the run's timeout of 20s leaves"
                + " \\d+ms: raise timeout to check it is honoured");
        assertThat(slept).isEmpty();
    }

    private void awaitLine(String text) throws InterruptedException {
        for (int i = 0; i < 600 && log.stream().noneMatch(l -> l.contains(text)); i++) {
            Thread.sleep(50);
        }
        assertThat(log).as("log within 30 s").anyMatch(l -> l.contains(text));
    }
}
