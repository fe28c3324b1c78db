package io.jenkins.plugins.deploygates.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploygates.engine.smoke.CheckResult;
import io.jenkins.plugins.deploygates.engine.smoke.MutableClock;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeAuthFlow;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeReport;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeSettings;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxAccess;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxUri;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's own mail catcher: the example service mails through it, the smoke test reads it as Mailpit. */
class DemoMailboxTest {
    private final MutableClock clock = new MutableClock();
    private DemoMailbox mailbox;
    private DemoAuthService service;

    @BeforeEach
    void start() throws Exception {
        mailbox = DemoMailbox.start();
        service = DemoAuthService.options().smtp("127.0.0.1", mailbox.smtpPort()).clock(clock)
                .rateLimit(3, Duration.ofSeconds(2)).start();
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        mailbox.close();
    }

    private SmokeReport smoke(String tag) throws InterruptedException {
        List<String> log = new ArrayList<>();
        SmokeSettings settings = new SmokeSettings(service.baseUrl(), "demo@example.test").plusTag(tag)
                .mailbox(MailboxUri.open(mailbox.mailboxUri(), MailboxAccess.login(null, null)))
                .timeout(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20));
        return new SmokeAuthFlow(settings, log::add, clock.sleeper()).run();
    }

    @Test
    void theSmokeTestPassesWithNoMailAccountAtAll() throws Exception {
        SmokeReport report = smoke("demo1");

        assertThat(report.passed()).as(report.toMap().toString()).isTrue();
        assertThat(report.checks()).extracting(CheckResult::name).contains("email received", "token verified");
        assertThat(mailbox.size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aBrokenServiceStillFailsItsCheckThroughTheDemoMailbox() throws Exception {
        service.breakBehaviour(AuthBreakage.INVALID_TOKEN_ACCEPTED);

        assertThat(smoke("demo2").failed()).extracting(CheckResult::name).containsExactly("invalid token rejected");
    }

    @Test
    void itAnswersInMailpitsFieldNames() throws Exception {
        smoke("demo3");
        HttpClient http = HttpClient.newHttpClient();
        String base = mailbox.mailboxUri().replace("mailpit+", "");
        JsonNode list = get(http, base + "/api/v1/messages");
        JsonNode first = list.path("messages").get(0);

        assertThat(list.path("total").asInt()).isEqualTo(mailbox.size());
        assertThat(first.path("To").get(0).path("Address").asText()).isEqualTo("demo+demo3@example.test");
        assertThat(first.path("Created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        JsonNode message = get(http, base + "/api/v1/message/" + first.path("ID").asText());
        assertThat(message.path("Text").asText()).contains("/api/auth/verify?token=");
        assertThat(message.path("Subject").asText()).isEqualTo("Your sign-in link");
    }

    private static JsonNode get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }
}
