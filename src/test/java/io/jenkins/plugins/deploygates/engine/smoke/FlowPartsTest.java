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
        assertThat(FlowDefinition.builtIn("magic-link").checks).hasSize(9);
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
        assertThat(new SmokeSettings("http://x", "smoke+fixed@example.com").plusTag("r1").runAddress())
                .isEqualTo("smoke+fixed@example.com");
        assertThat(new SmokeSettings("http://x", "smoke@example.com").plusTag(null).runAddress())
                .isEqualTo("smoke@example.com");
        assertThat(SmokeSettings.randomTag()).matches("smoke[0-9a-f]{1,8}").isNotEqualTo(SmokeSettings.randomTag());
    }
}
