package io.jenkins.plugins.deploygates.engine.smoke.mail;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** A real inbox the smoke test reads the login email from: IMAP(S), Mailpit or MailDev. */
public interface Mailbox {
    /**
     * Connects, logs in and opens the folder, within this time. A run does it once, before it requests anything,
     * and reads every email of the run through the one session.
     */
    MailSession connect(Duration timeout) throws IOException;

    /** Where the mailbox is, without credentials, for log lines. */
    String describe();

    /** What the run must say before it starts (a password that will travel in clear text). */
    default List<String> warnings() {
        return List.of();
    }
}
