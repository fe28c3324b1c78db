package io.jenkins.plugins.deploygates.engine.smoke.mail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Mailpit's API v1: {@code GET /api/v1/messages} lists summaries newest first ({@code messages[].ID},
 * {@code To[].Address}, {@code Created}); {@code GET /api/v1/message/{ID}} holds {@code Text} and {@code HTML}.
 */
public final class MailpitMailbox implements Mailbox {
    private static final int PAGE = 50;
    private final HttpMailApi api;

    public MailpitMailbox(String baseUrl, String user, String password, Duration timeout) {
        this.api = new HttpMailApi(baseUrl, user, password, timeout);
    }

    @Override
    public List<MailMessage> messagesTo(String address, Instant since) throws IOException {
        JsonNode page = api.get("/api/v1/messages?limit=" + PAGE);
        if (page == null) {
            throw new IOException(api.baseUrl() + " has no Mailpit API (/api/v1/messages answered 404)");
        }
        List<MailMessage> out = new ArrayList<>();
        for (JsonNode summary : page.path("messages")) {
            List<String> to = addresses(summary.path("To"));
            Instant created = Instant.parse(summary.path("Created").asText());
            if (!created.isBefore(since) && to.stream().anyMatch(address::equalsIgnoreCase)) {
                out.add(new MailMessage(to, created, body(summary.path("ID").asText())));
            }
        }
        return out;
    }

    private String body(String id) throws IOException {
        JsonNode message = api.get("/api/v1/message/" + id);
        return message == null ? "" : message.path("Text").asText("") + "\n" + message.path("HTML").asText("");
    }

    private static List<String> addresses(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(a -> out.add(a.path("Address").asText()));
        return out;
    }

    @Override
    public String describe() {
        return "mailpit+" + api.baseUrl();
    }
}
