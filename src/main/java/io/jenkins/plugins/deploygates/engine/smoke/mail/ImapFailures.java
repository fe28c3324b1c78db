package io.jenkins.plugins.deploygates.engine.smoke.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.eclipse.angus.mail.util.MailConnectException;

/** Turns what Angus Mail throws while connecting into one sentence that says what to change. */
final class ImapFailures {
    private ImapFailures() {}

    static IOException explain(MessagingException e, ImapMailbox box) {
        return new IOException(sentence(e, box), e);
    }

    private static String sentence(MessagingException e, ImapMailbox box) {
        String where = box.describe();
        if (e instanceof AuthenticationFailedException) {
            return where + " refused the login of " + box.address().user() + " (" + e.getMessage()
                    + "): check the user and password given with " + MailboxUri.PASSWORD + ".";
        }
        if (has(e, CertPathBuilderException.class) || text(e).contains("PKIX path")) {
            return untrusted(box);
        }
        if (has(e, SSLPeerUnverifiedException.class) || text(e).contains("verify identity of server")) {
            return "the certificate of " + box.hostPort() + " does not name " + box.address().host()
                    + ": write the host name the certificate carries in the mailbox URI.";
        }
        if (text(e).matches("(?s).*STARTTLS (is )?required.*")) {
            return "imap://" + box.hostPort() + " does not offer STARTTLS, so the mailbox password would travel in clear"
                    + " text and was not sent: use imaps://, or accept clear text with " + MailboxUri.PLAINTEXT + ".";
        }
        if (e instanceof MailConnectException) {
            return "cannot connect to " + where + " (" + root(e).getMessage() + ")";
        }
        return where + " failed: " + text(e);
    }

    private static String untrusted(ImapMailbox box) {
        MailboxTrust trust = box.trust();
        return box.hostPort() + " presented a certificate that " + (trust == null ? "this JVM does not trust"
                : "mailbox trust store '" + trust.name() + "' does not hold") + ": give the server's certificate (PEM)"
                + " or a trust store that holds it with " + MailboxTrust.OPTION + ".";
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Every message of the chain, since Angus wraps the useful one. */
    private static String text(Throwable e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            out.append(" (").append(t.getMessage()).append(')');
        }
        return out.toString();
    }
}
