package io.jenkins.plugins.deploygates.engine.smoke.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import io.jenkins.plugins.deploygates.engine.common.Deadline;
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
        return MailboxUri.open("mailpit+http://127.0.0.1:" + server.getPort(),
                MailboxAccess.login(user, password).plaintext(true));
    }

    @Test
    void findsTheNewestMessageToTheAddressSinceTheRequest() throws Exception {
        try (MailWaiter waiter = MailWaiter.connect(mailbox(null, null), Deadline.after(Duration.ofSeconds(5)),
                Duration.ofMillis(20))) {
            MailWait wait = waiter.newestTo("smoke+run42@example.test", r -> r.startsWith("someone"),
                    Instant.parse("2026-11-24T16:48:00.900Z"));

            MailMessage found = wait.message().get();
            assertThat(found.receivedAt()).isEqualTo(Instant.parse("2026-11-24T16:48:01.250Z"));
            assertThat(found.text()).contains("https://app.example.test/auth/verify?token=abc123def456");
            assertThat(wait.toAddress()).isEqualTo(1);
            assertThat(wait.otherRuns()).containsExactly("someone-else@example.test");
        }
    }

    @Test
    void listsOnlyMessagesFromAfterTheRequestWithTheirRecipients() throws Exception {
        MailSession session = mailbox(null, null).connect(Duration.ofSeconds(2));

        assertThat(session.messagesSince(Instant.parse("2026-11-24T16:50:00Z"))).isEmpty();
        assertThat(session.messagesSince(Instant.EPOCH)).hasSize(3)
                .noneMatch(m -> m.isFor("nobody@example.test"));
        assertThat(session.summary()).contains("lists 3 recent messages");
    }

    @Test
    void sendsBasicAuthWhenAUserIsGiven() throws Exception {
        mailbox("catcher", "catcher-pw").connect(Duration.ofSeconds(2));

        assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Basic Y2F0Y2hlcjpjYXRjaGVyLXB3");
    }

    @Test
    void aServerWithoutTheApiIsFoundWhenConnecting() {
        Mailbox wrong = MailboxUri.open("mailpit+http://127.0.0.1:" + server.getPort() + "/nothing-here",
                MailboxAccess.login(null, null));

        assertThatThrownBy(() -> wrong.connect(Duration.ofSeconds(2))).isInstanceOf(IOException.class)
                .hasMessageContaining("has no Mailpit API");
    }
}
