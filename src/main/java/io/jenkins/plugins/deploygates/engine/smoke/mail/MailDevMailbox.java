package io.jenkins.plugins.deploygates.engine.smoke.mail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * MailDev's REST API: {@code GET /api/email} (MailDev 3; {@code GET /email} before it) returns every email with
 * {@code to[].address}, {@code envelope.to[].address}, {@code time}, {@code text} and {@code html}.
 */
public final class MailDevMailbox extends CatcherMailbox {
    MailDevMailbox(String baseUrl, String user, String password) {
        super("maildev", baseUrl, user, password);
    }

    @Override
    String firstLook() throws IOException {
        return "the MailDev API of " + baseUrl() + " holds " + emails().size() + " messages";
    }

    private JsonNode emails() throws IOException {
        JsonNode emails = api().get("/api/email");
        if (emails == null) {
            emails = api().get("/email");
        }
        if (emails == null) {
            throw new IOException(baseUrl() + " has no MailDev API (/api/email and /email answered 404)");
        }
        return emails;
    }

    @Override
    public List<MailMessage> messagesSince(Instant since) throws IOException {
        List<MailMessage> out = new ArrayList<>();
        for (JsonNode email : emails()) {
            Instant time = Instant.parse(email.path("time").asText());
            if (!time.isBefore(since)) {
                out.add(new MailMessage(recipients(email), time,
                        email.path("text").asText("") + "\n" + email.path("html").asText("")));
            }
        }
        return out;
    }

    /** Header recipients and envelope recipients: a Bcc'd test address appears only in the envelope. */
    private static List<String> recipients(JsonNode email) {
        List<String> out = new ArrayList<>();
        email.path("to").forEach(a -> out.add(a.path("address").asText()));
        email.path("envelope").path("to").forEach(a -> out.add(a.path("address").asText()));
        return out;
    }
}
