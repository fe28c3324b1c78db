package io.jenkins.plugins.deploygates.engine.smoke.mail;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** An email as a mailbox shows it: who it was for, when it arrived, and its text (plain and HTML parts joined). */
public final class MailMessage {
    private final List<String> recipients;
    private final Instant receivedAt;
    private final String text;

    public MailMessage(List<String> recipients, Instant receivedAt, String text) {
        this.recipients = List.copyOf(recipients);
        this.receivedAt = receivedAt;
        this.text = text == null ? "" : text;
    }

    public boolean isFor(String address) {
        return recipients.stream().anyMatch(r -> r.trim().equalsIgnoreCase(address.trim().toLowerCase(Locale.ROOT)));
    }

    public List<String> recipients() {
        return recipients;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String text() {
        return text;
    }
}
