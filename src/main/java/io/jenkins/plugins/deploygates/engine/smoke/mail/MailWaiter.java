package io.jenkins.plugins.deploygates.engine.smoke.mail;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;

/**
 * Polls a mailbox for the newest message to one address that arrived after a request. Mail servers stamp
 * arrival to the second, so the request time is rounded down to its second before comparing.
 */
public final class MailWaiter {
    private final Mailbox mailbox;
    private final Duration timeout;
    private final Duration pollInterval;

    public MailWaiter(Mailbox mailbox, Duration timeout, Duration pollInterval) {
        this.mailbox = mailbox;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
    }

    /** The newest matching message, or empty when none came within the timeout. */
    public Optional<MailMessage> newestTo(String address, Instant requestedAt) throws IOException, InterruptedException {
        Instant since = requestedAt.truncatedTo(ChronoUnit.SECONDS);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<MailMessage> newest = mailbox.messagesTo(address, since).stream()
                    .filter(m -> m.isFor(address) && !m.receivedAt().isBefore(since))
                    .max(Comparator.comparing(MailMessage::receivedAt));
            if (newest.isPresent() || System.nanoTime() > deadline) {
                return newest;
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }

    public Mailbox mailbox() {
        return mailbox;
    }
}
