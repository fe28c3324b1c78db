package io.jenkins.plugins.deploygates.engine.smoke.mail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Mailpit's API v1: {@code GET /api/v1/messages} lists summaries newest first ({@code messages[].ID},
 * {@code To[].Address}, {@code Created}); {@code GET /api/v1/message/{ID}} holds {@code Text} and {@code HTML}.
 */
public final class MailpitMailbox extends CatcherMailbox {
    private static final int PAGE = 50;

    MailpitMailbox(String baseUrl, String user, String password) {
        super("mailpit", baseUrl, user, password);
    }

    @Override
    String firstLook() throws IOException {
        return "the Mailpit API of " + baseUrl() + " lists " + page().path("messages").size() + " recent messages";
    }

    private JsonNode page() throws IOException {
        JsonNode page = api().get("/api/v1/messages?limit=" + PAGE);
        if (page == null) {
            throw new IOException(baseUrl() + " has no Mailpit API (/api/v1/messages answered 404)");
        }
        return page;
    }

    @Override
    public List<MailMessage> messagesSince(Instant since) throws IOException {
        List<MailMessage> out = new ArrayList<>();
        for (JsonNode summary : page().path("messages")) {
            Instant created = Instant.parse(summary.path("Created").asText());
            if (!created.isBefore(since)) {
                String id = summary.path("ID").asText();
                out.add(new MailMessage(addresses(summary.path("To")), created, () -> body(id)));
            }
        }
        return out;
    }

    private String body(String id) throws IOException {
        JsonNode message = api().get("/api/v1/message/" + id);
        return message == null ? "" : message.path("Text").asText("") + "\n" + message.path("HTML").asText("");
    }

    private static List<String> addresses(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(a -> out.add(a.path("Address").asText()));
        return out;
    }
}
