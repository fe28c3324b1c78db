package io.jenkins.plugins.deploygates.engine.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small parts of a flow: templates, status lists, Retry-After, extractions, flow files. */
class FlowPartsTest {
    private static HttpExchange exchange(Map<String, List<String>> headers, String body) {
        return new HttpExchange("GET", "http://127.0.0.1/x", 200, headers, body, 1);
    }

    @Test
    void templatesFillNestedValuesAndReportRandomTokensAsSecrets() {
        List<String> secrets = new ArrayList<>();
        Map<String, String> vars = Map.of("email", "a@b.test", "body", "{\"email\": \"{{email}}\"}");

        assertThat(Template.render("{{body}}", vars, secrets::add)).isEqualTo("{\"email\": \"a@b.test\"}");
        String random = Template.render("{{random}}", vars, secrets::add);
        assertThat(random).matches("[0-9a-f]{32}");
        assertThat(secrets).containsExactly(random);
        assertThat(Template.referenced("{{a}}/{{ b }}{{random}}")).containsExactly("a", "b");
        assertThatThrownBy(() -> Template.render("{{session}}", vars, secrets::add))
                .isInstanceOf(Template.MissingVariableException.class).hasMessage("no value for {{session}}");
    }

    @Test
    void statusListsTakeCodesAndClasses() {
        StatusExpectation e = StatusExpectation.parse("2xx, 302,401");
        assertThat(e.matches(204)).isTrue();
        assertThat(e.matches(302)).isTrue();
        assertThat(e.matches(301)).isFalse();
        assertThat(e.matches(401)).isTrue();
        assertThatThrownBy(() -> StatusExpectation.parse("ok")).isInstanceOf(ConfigurationException.class)
                .hasMessage("expected status 'ok' is not a status list: write codes or classes like 2xx,3xx or 401.");
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-11-24T16:00:00Z");
        assertThat(RetryAfter.parse("7", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Tue, 24 Nov 2026 16:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Tue, 24 Nov 2026 15:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }

    @Test
    void aSessionIsACookieOrABearerToken() {
        Extraction session = new Extraction();
        session.var = "session";
        session.from = "session";

        assertThat(Extractor.fromResponse(session, exchange(Map.of("Set-Cookie", List.of("sid=abc123; HttpOnly")), "")))
                .containsEntry("sessionHeader", "Cookie").containsEntry("sessionValue", "sid=abc123")
                .containsEntry("sessionToken", "abc123");
        assertThat(Extractor.fromResponse(session, exchange(Map.of(), "{\"access_token\": \"tok-9\"}")))
                .containsEntry("sessionHeader", "Authorization").containsEntry("sessionValue", "Bearer tok-9");
        assertThatThrownBy(() -> Extractor.fromResponse(session, exchange(Map.of(), "{}")))
                .hasMessage("no session: no Set-Cookie and no sessionToken, token or access_token field");
    }

    @Test
    void jsonPathCookieAndRegexExtractions() {
        Extraction json = new Extraction();
        json.var = "id";
        json.from = "json";
        json.path = "$.user.id";
        Extraction cookie = new Extraction();
        cookie.var = "csrf";
        cookie.from = "cookie";
        cookie.name = "csrf";
        Extraction code = new Extraction();
        code.var = "code";
        code.from = "regex";
        code.pattern = "code: (\\d{6})";
        code.group = 1;
        HttpExchange x = exchange(Map.of("Set-Cookie", List.of("a=1", "csrf=zz9")), "{\"user\": {\"id\": 42}}");

        assertThat(Extractor.fromResponse(json, x)).containsEntry("id", "42");
        assertThat(Extractor.fromResponse(cookie, x)).containsEntry("csrf", "csrf=zz9");
        assertThat(Extractor.fromEmail(code, "Your code: 123456")).containsEntry("code", "123456");
        assertThatThrownBy(() -> Extractor.fromEmail(code, "no code")).hasMessage("the email has nothing matching the code pattern");
    }

    @Test
    void flowsAreCheckedWhenRead() {
        assertThat(FlowDefinition.builtIn("magic-link").checks).hasSize(10);
        assertThat(FlowDefinition.builtIn("password").needsMailbox).isFalse();
        assertThatThrownBy(() -> FlowDefinition.parse("{\"name\": \"x\"}", "flowJson"))
                .hasMessage("flowJson has no name or no checks: give both, as the built-in magic-link flow does.");
        assertThatThrownBy(() -> FlowDefinition.parse("{", "flowJson")).hasMessageStartingWith("flowJson is not");
    }

    /** Jackson's own words named our Java classes ("class io.jenkins...FlowDefinition", "JsonToken.START_ARRAY"). */
    @Test
    void aFlowOfTheWrongShapeIsNamedInTheFilesWordsNotJavas() {
        assertThatThrownBy(() -> FlowDefinition.parse("{\"a\": 1}", "flowJson")).hasMessage("flowJson is not a valid"
                + " flow (unknown field 'a'; the fields there are checks, defaults, name, needsMailbox): compare it with"
                + " the built-in magic-link flow.");
        assertThatThrownBy(() -> FlowDefinition.parse("[1, 2]", "flowJson"))
                .hasMessageStartingWith("flowJson is not a valid flow (the flow must be an object)");
        assertThatThrownBy(() -> FlowDefinition.parse("{\"name\": \"x\", \"checks\": \"x\"}", "flowJson"))
                .hasMessageStartingWith("flowJson is not a valid flow ('checks' must be a list)");
        assertThatThrownBy(() -> FlowDefinition.parse("{\"name\": \"x\", \"checks\": [{\"name\": \"c\", \"steps\": 3}]}",
                "flowJson")).hasMessageStartingWith("flowJson is not a valid flow ('checks[0].steps' must be a list)");
        assertThatThrownBy(() -> FlowDefinition.parse("{\"needsMailbox\": {}}", "flowJson"))
                .hasMessageStartingWith("flowJson is not a valid flow ('needsMailbox' must be true or false)");
    }

    @Test
    void plusAddressingTagsTheAddressOncePerRun() {
        assertThat(new SmokeSettings("http://x", "smoke@example.com").plusTag("r1").runAddress())
                .isEqualTo("smoke+r1@example.com");
        assertThat(new SmokeSettings("http://x", "smoke@example.com").plusTag(null).runAddress())
                .isEqualTo("smoke@example.com");
        assertThat(SmokeSettings.randomTag()).matches("smoke[0-9a-f]{1,8}").isNotEqualTo(SmokeSettings.randomTag());
    }

    /** Issue 16, point 2: an address that already had a + silently lost the run's tag, so parallel runs collided. */
    @Test
    void anAddressWithAPlusKeepsTheRunsTagToo() {
        assertThat(new SmokeSettings("http://x", "smoke+ci@example.com").plusTag("r1").runAddress())
                .isEqualTo("smoke+ci+r1@example.com");
        assertThat(new SmokeSettings("http://x", "smoke+ci@example.com").plusTag(null).runAddress())
                .isEqualTo("smoke+ci@example.com");
    }

    @Test
    void theTagGoesWhereTheAddressSaysForProvidersWithAnotherDelimiter() {
        assertThat(new SmokeSettings("http://x", "smoke-{tag}@example.com").plusTag("r1").runAddress())
                .isEqualTo("smoke-r1@example.com");
        assertThat(new SmokeSettings("http://x", "smoke-{tag}@example.com").plusTag(null).runAddress())
                .isEqualTo("smoke@example.com");
        assertThatThrownBy(() -> SmokeSettings.checkEmail("smoke@{tag}.example.com"))
                .hasMessageStartingWith("email 'smoke@{tag}.example.com' has {tag} more than once or after the @");
    }

    @Test
    void otherRunsOfTheSameMailboxAreRecognised() {
        RunAddress run = RunAddress.of("smoke+ci@example.com", "r1");
        assertThat(run.isOtherRun("smoke+ci+r2@example.com")).isTrue();
        assertThat(run.isOtherRun("SMOKE+CI@example.com")).isTrue();
        assertThat(run.isOtherRun("smoke+ci+r1@example.com")).isFalse();
        assertThat(run.isOtherRun("smoke+cix@example.com")).isFalse();
        assertThat(run.isOtherRun("smoke+ci@example.org")).isFalse();
        assertThat(RunAddress.of("smoke-{tag}@example.com", "r1").isOtherRun("smoke-r2@example.com")).isTrue();
    }

    /** Issue 16, point 7: "none" means no tag on the command line too, not smoke+none@. */
    @Test
    void whatUsersWriteAsATag() {
        assertThat(SmokeSettings.tagFor("none")).isNull();
        assertThat(SmokeSettings.tagFor("NONE")).isNull();
        assertThat(SmokeSettings.tagFor(null)).startsWith("smoke");
        assertThat(SmokeSettings.tagFor(" ")).startsWith("smoke");
        assertThat(SmokeSettings.tagFor("ci-7")).isEqualTo("ci-7");
        assertThatThrownBy(() -> SmokeSettings.tagFor("a+b")).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("plusTag 'a+b' cannot be part of an email address");
    }

    /** Issue 17, point 9: a "4xx expected" check must not count a crash (5xx) as a rejection. */
    @Test
    void aFourHundredClassDoesNotAcceptAServerError() {
        StatusExpectation rejected = StatusExpectation.parse("4xx");
        assertThat(rejected.matches(401)).isTrue();
        assertThat(rejected.matches(410)).isTrue();
        assertThat(rejected.matches(500)).isFalse();
        assertThat(rejected.matches(503)).isFalse();
        assertThat(rejected.matches(200)).isFalse();
    }

    /** Issue 15, point 8: a body quoted in a failure must not show a credential the run never learnt. */
    @Test
    void aQuotedBodyMasksOpaqueValuesTheRunNeverLearnt() {
        String body = "{\"error\": \"still signed in\", \"sid\": \"9f8e7d6c5b4a39281706f5e4d3c2b1a0\","
                + " \"key\": \"sk_live_51HxYz0AbCdEf\"}";

        assertThat(ResponseQuote.of(body)).isEqualTo("{\"error\": \"still signed in\", \"sid\": \"****\","
                + " \"key\": \"****\"}");
        assertThat(ResponseQuote.of("x".repeat(150) + " token 0123456789abcdef0123")).doesNotContain("0123456789")
                .hasSizeLessThanOrEqualTo(ResponseQuote.LENGTH + 1);
    }
}
