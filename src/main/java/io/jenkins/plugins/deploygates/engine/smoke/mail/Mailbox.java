package io.jenkins.plugins.deploygates.engine.smoke.mail;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** A real inbox the smoke test reads the login email from: IMAP(S), Mailpit or MailDev. */
public interface Mailbox {
    /** Messages to this address that arrived at or after {@code since}, in any order. */
    List<MailMessage> messagesTo(String address, Instant since) throws IOException;

    /** Where the mailbox is, without credentials, for log lines. */
    String describe();
}
