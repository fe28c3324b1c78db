package io.jenkins.plugins.deploygates.engine.smoke.mail;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An email as a mailbox shows it: who it was for, when it arrived, and its text (plain and HTML parts joined),
 * read only for the message a run picks.
 */
public final class MailMessage {
    /** Reads a message's text when it is needed. */
    @FunctionalInterface
    public interface TextSource {
        String read() throws IOException;
    }

    private final List<String> recipients;
    private final Instant receivedAt;
    private final TextSource source;
    private String text;

    public MailMessage(List<String> recipients, Instant receivedAt, TextSource text) {
        this.recipients = List.copyOf(recipients);
        this.receivedAt = receivedAt;
        this.source = text;
    }

    public MailMessage(List<String> recipients, Instant receivedAt, String text) {
        this(recipients, receivedAt, () -> text);
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

    /** The text, read once. */
    public synchronized String text() throws IOException {
        if (text == null) {
            String read = source.read();
            text = read == null ? "" : read;
        }
        return text;
    }
}
