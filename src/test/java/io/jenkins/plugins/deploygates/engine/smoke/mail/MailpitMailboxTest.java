package io.jenkins.plugins.deploygates.engine.smoke.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Mailpit adapter against Mailpit API v1's documented shapes (list: {@code messages[].ID/To/Created}; message:
 * {@code Text}, {@code HTML}), served on loopback from fixtures written after the API's swagger definitions.
 */
class MailpitMailboxTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getPath();
                if (path.startsWith("/api/v1/messages")) {
                    return json(fixture("mailpit-messages.json"));
                }
                if (path.equals("/api/v1/message/9BkLxvF2nS7fV6z4mQ8hTc")) {
                    return json(fixture("mailpit-message.json"));
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private static String fixture(String name) {
        try (InputStream in = MailpitMailboxTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Mailbox mailbox(String user, String password) {
        return MailboxUri.open("mailpit+http://127.0.0.1:" + server.getPort(), user, password, Duration.ofSeconds(2));
    }

    @Test
    void findsTheNewestMessageToTheAddressSinceTheRequest() throws Exception {
        MailWaiter waiter = new MailWaiter(mailbox(null, null), Duration.ofMillis(200), Duration.ofMillis(20));

        MailMessage found = waiter.newestTo("smoke+run42@example.test", Instant.parse("2026-11-24T16:48:00.900Z")).get();

        assertThat(found.receivedAt()).isEqualTo(Instant.parse("2026-11-24T16:48:01.250Z"));
        assertThat(found.text()).contains("https://app.example.test/auth/verify?token=abc123def456");
    }

    @Test
    void ignoresMessagesFromBeforeTheRequestAndToOtherAddresses() throws Exception {
        List<MailMessage> none = mailbox(null, null).messagesTo("smoke+run42@example.test", Instant.parse("2026-11-24T16:50:00Z"));
        List<MailMessage> other = mailbox(null, null).messagesTo("nobody@example.test", Instant.EPOCH);

        assertThat(none).isEmpty();
        assertThat(other).isEmpty();
    }

    @Test
    void sendsBasicAuthWhenAUserIsGiven() throws Exception {
        mailbox("catcher", "catcher-pw").messagesTo("smoke+run42@example.test", Instant.EPOCH);

        assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Basic Y2F0Y2hlcjpjYXRjaGVyLXB3");
    }

    @Test
    void aServerWithoutTheApiIsAnError() {
        Mailbox wrong = MailboxUri.open("mailpit+http://127.0.0.1:" + server.getPort() + "/nothing-here", null, null,
                Duration.ofSeconds(2));

        assertThatThrownBy(() -> wrong.messagesTo("a@b.test", Instant.EPOCH)).isInstanceOf(IOException.class)
                .hasMessageContaining("has no Mailpit API");
    }
}
