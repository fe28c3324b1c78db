package io.jenkins.plugins.deploygates.engine.smoke.mail;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One open connection to a mailbox for the length of a run. Blocking; {@link MailWaiter} calls it from its own
 * thread and bounds every call by the run's deadline.
 */
public interface MailSession {
    /** What connecting showed (how, as whom, what the folder holds), for the "mailbox ready" check. */
    String summary();

    /** Every message that arrived at or after {@code since}, to any address; texts are read on demand. */
    List<MailMessage> messagesSince(Instant since) throws IOException;

    /**
     * Waits until new mail may have arrived: IMAP IDLE where the server offers it, else a pause of
     * {@code pollInterval}; never longer than {@code max}.
     */
    void awaitChange(Duration pollInterval, Duration max) throws IOException, InterruptedException;

    /** Logs out. */
    void close();

    /** Drops the connection from another thread without waiting for the server (it stopped answering). */
    void abort();
}
