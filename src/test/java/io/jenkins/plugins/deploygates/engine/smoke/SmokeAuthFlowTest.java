package io.jenkins.plugins.deploygates.engine.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploygates.demo.AuthBreakage;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.smoke.CheckResult.Outcome;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine against the example auth service, with GreenMail as the SMTP relay and the IMAP inbox. */
class SmokeAuthFlowTest extends GreenMailSmokeTest {

    private SmokeReport run(SmokeSettings settings) throws InterruptedException {
        return new SmokeAuthFlow(settings, log::add, clock.sleeper()).run();
    }

    private SmokeSettings settings(AuthBreakage... broken) throws Exception {
        service = SmokeFixture.service(GREEN_MAIL, clock, broken);
        String expired = service.issueExpiredToken(SmokeFixture.RUN_ADDRESS);
        return new SmokeSettings(service.baseUrl(), SmokeFixture.ADDRESS)
                .plusTag(SmokeFixture.TAG)
                .mailbox(SmokeFixture.mailbox(GREEN_MAIL))
                .secret(SmokeFixture.MAILBOX_PASSWORD)
                .override("expiredToken", expired)
                .timeout(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50));
    }

    private static Map<String, Outcome> outcomes(SmokeReport report) {
        return report.checks().stream().collect(Collectors.toMap(CheckResult::name, CheckResult::outcome,
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @Test
    void everyCheckPassesAgainstAHealthyService() throws Exception {
        SmokeReport report = run(settings());

        assertThat(outcomes(report)).containsExactly(
                Map.entry("mailbox ready", Outcome.PASSED), Map.entry("link requested", Outcome.PASSED), Map.entry("email received", Outcome.PASSED),
                Map.entry("token verified", Outcome.PASSED), Map.entry("authenticated call", Outcome.PASSED),
                Map.entry("invalid token rejected", Outcome.PASSED), Map.entry("reused link rejected", Outcome.PASSED),
                Map.entry("expired token rejected", Outcome.PASSED),
                Map.entry("logout invalidates session", Outcome.PASSED), Map.entry("rate limit present", Outcome.PASSED),
                Map.entry("Retry-After honoured", Outcome.PASSED));
        assertThat(report.passed()).isTrue();
        CheckResult verified = report.checks().get(3);
        assertThat(verified.status()).isEqualTo(302);
        assertThat(verified.request()).startsWith("GET " + service.baseUrl() + "/api/auth/verify?token=****");
        assertThat(report.checks().get(1).latencyMillis()).isGreaterThanOrEqualTo(0);
        assertThat(report.toMap()).containsEntry("email", SmokeFixture.RUN_ADDRESS).containsEntry("passed", true);
    }

    /** Each broken behaviour fails exactly its own check; checks that could not run are skipped, not failed. */
    @ParameterizedTest(name = "{0} fails only ''{1}''")
    @CsvSource({
        "LINK_REQUEST_FAILS, link requested",
        "NO_EMAIL, email received",
        "VERIFY_GIVES_NO_SESSION, token verified",
        "ME_FAILS, authenticated call",
        "INVALID_TOKEN_ACCEPTED, invalid token rejected",
        "REUSED_LINK_ACCEPTED, reused link rejected",
        "EXPIRED_TOKEN_ACCEPTED, expired token rejected",
        "LOGOUT_KEEPS_SESSION, logout invalidates session",
        "NO_RATE_LIMIT, rate limit present",
        "RETRY_AFTER_TOO_SHORT, Retry-After honoured",
        "INVALID_TOKEN_CRASHES, invalid token rejected",
    })
    void eachBrokenBehaviourFailsExactlyItsOwnCheck(AuthBreakage breakage, String check) throws Exception {
        SmokeSettings settings = settings(breakage);
        if (breakage == AuthBreakage.NO_EMAIL) {
            settings.timeout(Duration.ofSeconds(1));
        }
        SmokeReport report = run(settings);

        assertThat(report.failed()).extracting(CheckResult::name).containsExactly(check);
        assertThat(report.checks()).extracting(CheckResult::outcome).doesNotContainNull();
        assertThat(report.failed().get(0).reason()).isNotBlank();
        assertThatThrownBy(report::requirePassed).isInstanceOf(GateFailedException.class)
                .hasMessageContaining("failed 1 of").hasMessageContaining(check);
    }

    @Test
    void failureReasonsSayWhatWasExpected() throws Exception {
        SmokeReport report = run(settings(AuthBreakage.ME_FAILS));
        CheckResult me = report.checks().stream().filter(c -> c.name().equals("authenticated call")).findFirst().get();
        assertThat(me.reason()).startsWith("GET " + service.baseUrl() + "/api/me answered 500, expected 2xx");
        assertThat(me.status()).isEqualTo(500);
    }

    @Test
    void aMissingRateLimitSaysHowManyRequestsWereSent() throws Exception {
        SmokeReport noRate = run(settings(AuthBreakage.NO_RATE_LIMIT));
        assertThat(noRate.failed().get(0).reason()).startsWith("20 quick requests").contains("never answered 429");
    }

    @Test
    void checksThatCannotRunAreSkippedWithTheReason() throws Exception {
        SmokeReport report = run(settings(AuthBreakage.VERIFY_GIVES_NO_SESSION));
        CheckResult me = report.checks().get(4);
        assertThat(me.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(me.reason()).isEqualTo("needs {{sessionHeader}}, which no earlier check obtained");
        assertThat(report.junit().toXml()).contains("skipped=\"3\"").contains("<skipped message=\"needs");
    }

    @Test
    void overridesReplaceAPathAndAnExpectation() throws Exception {
        SmokeReport moved = run(settings().override("mePath", "/api/whoami"));
        assertThat(moved.failed()).extracting(CheckResult::name).contains("authenticated call");
    }

    @Test
    void overriddenExpectationsAreWhatTheChecksAccept() throws Exception {
        SmokeReport expected404 = run(settings().override("mePath", "/api/whoami").override("meExpect", "404")
                .override("loggedOutExpect", "404"));
        assertThat(expected404.passed()).isTrue();
    }

    @Test
    void theExpiredTokenCheckRunsOnlyWhenTheFlowHasOne() throws Exception {
        SmokeSettings settings = settings();
        settings.overrides().remove("expiredToken");
        assertThat(run(settings).checks()).extracting(CheckResult::name).doesNotContain("expired token rejected");
    }

    @Test
    void thePasswordFlowIsTheSecondBuiltIn() throws Exception {
        service = SmokeFixture.service(GREEN_MAIL, clock);
        service.addUser("user@example.test", "correct-horse-42");
        SmokeSettings settings = new SmokeSettings(service.baseUrl(), "user@example.test")
                .flow(FlowDefinition.builtIn(FlowDefinition.PASSWORD)).login("user@example.test", "correct-horse-42")
                .timeout(Duration.ofSeconds(30));

        SmokeReport report = run(settings);

        assertThat(report.checks()).extracting(CheckResult::name).containsExactly("token verified",
                "authenticated call", "invalid password rejected", "logout invalidates session", "rate limit present",
                "Retry-After honoured");
        assertThat(report.passed()).as(report.toMap().toString()).isTrue();
        assertThat(String.join("\n", log)).doesNotContain("correct-horse-42");
    }

    @Test
    void mistakesInTheSettingsAreConfigurationErrors() throws Exception {
        assertThatThrownBy(() -> run(new SmokeSettings("ftp://x", "a@b.c"))).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("baseUrl 'ftp://x' is not an http(s) URL");
        assertThatThrownBy(() -> run(new SmokeSettings("http://127.0.0.1:1", "nobody")))
                .hasMessageStartingWith("email 'nobody' is not an email address");
        assertThatThrownBy(() -> run(new SmokeSettings("http://127.0.0.1:1", "a@b.test")))
                .hasMessage("mailbox is missing: flow 'magic-link' reads an email, so give a mailbox URI.");
        assertThatThrownBy(() -> run(settings().override("mePth", "/x")))
                .hasMessageStartingWith("override 'mePth' is not a setting of flow 'magic-link'");
    }

    /** No token, link, cookie or password reaches a log line, the JUnit XML or the JSON report. */
    @Test
    void noSecretReachesTheLogOrTheReports(@TempDir Path dir) throws Exception {
        SmokeSettings settings = settings(AuthBreakage.LOGOUT_KEEPS_SESSION);
        String expired = settings.overrides().get("expiredToken");
        SmokeReport report = run(settings);
        report.writeTo(dir);

        List<String> secrets = new ArrayList<>(List.of(SmokeFixture.MAILBOX_PASSWORD, expired));
        for (MimeMessage m : GREEN_MAIL.getReceivedMessages()) {
            Matcher link = Pattern.compile("(http://\\S+token=([0-9a-f]+))").matcher(m.getContent().toString());
            assertThat(link.find()).isTrue();
            secrets.add(link.group(1));
            secrets.add(link.group(2));
        }
        String everything = String.join("\n", log) + Files.readString(dir.resolve(SmokeReport.JUNIT_FILE))
                + Files.readString(dir.resolve(SmokeReport.JSON_FILE)) + report.toMap()
                + report.failed().get(0).reason();
        assertThat(secrets).hasSizeGreaterThan(3);
        for (String secret : secrets) {
            assertThat(everything).doesNotContain(secret);
        }
        // Session ids, link tokens and the random invalid token are 32-40 hex digits: none may show.
        assertThat(everything).doesNotContainPattern("[0-9a-f]{32,}");
        assertThat(everything).contains("token=****").contains("logout invalidates session");
    }
}
