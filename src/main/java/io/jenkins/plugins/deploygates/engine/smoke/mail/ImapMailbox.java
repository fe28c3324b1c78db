package io.jenkins.plugins.deploygates.engine.smoke.mail;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Any IMAP or IMAPS inbox (Gmail, Fastmail, a company server, Dovecot, GreenMail), read-only, through Angus Mail.
 * {@code imap://} requires STARTTLS unless the user accepts clear text; certificates are checked against the JVM's
 * trust store or {@code mailboxTrustStore}, server names included. The JVM's {@code mail.*} system properties are
 * not used: {@code -Dmail.debug=true} would print the emails, sign-in links included.
 */
public final class ImapMailbox implements Mailbox {
    /** Where the inbox is: the parts of its URI. */
    record Address(boolean secure, String host, int port, String user, String folder) {}

    private final Address at;
    private final MailboxAccess access;

    ImapMailbox(Address at, MailboxAccess access) {
        this.at = at;
        this.access = access;
    }

    @Override
    public MailSession connect(Duration timeout) throws IOException {
        IMAPStore store = store(timeout);
        try {
            store.connect(at.host(), at.port(), at.user(), access.password());
            // asked on the store's connection before the folder takes it over: asking later opens a second one
            boolean idle = store.hasCapability("IDLE");
            boolean tls = store.isSSL();
            IMAPFolder folder = (IMAPFolder) store.getFolder(at.folder());
            if (!folder.exists()) {
                throw new IOException("folder '" + at.folder() + "' does not exist in " + describe()
                        + ": name an existing folder in the mailbox URI (INBOX, or the folder's full name).");
            }
            folder.open(Folder.READ_ONLY);
            return new ImapSession(store, folder, describe(), idle, tls);
        } catch (MessagingException e) {
            ImapSession.closeQuietly(store);
            throw ImapFailures.explain(e, this);
        } catch (IOException | RuntimeException e) {
            ImapSession.closeQuietly(store);
            throw e;
        }
    }

    private IMAPStore store(Duration timeout) {
        Session session = Session.getInstance(properties(timeout));
        session.setDebug(false);
        try {
            return (IMAPStore) session.getStore(protocol());
        } catch (NoSuchProviderException e) {
            throw new IllegalStateException("Angus Mail's IMAP provider is missing from the class path", e);
        }
    }

    /** Only what this mailbox needs; never the JVM's {@code mail.*} properties (see the class comment). */
    private Properties properties(Duration timeout) {
        Properties p = new Properties();
        String prefix = "mail." + protocol();
        String millis = Long.toString(Math.max(1, timeout.toMillis()));
        p.setProperty(prefix + ".connectiontimeout", millis);
        p.setProperty(prefix + ".timeout", millis);
        p.setProperty(prefix + ".ssl.checkserveridentity", "true");
        p.setProperty("mail.debug", "false");
        p.setProperty("mail.debug.auth", "false");
        if (!at.secure()) {
            p.setProperty("mail.imap.starttls.enable", "true");
            p.setProperty("mail.imap.starttls.required", Boolean.toString(!access.plaintext()));
        }
        if (access.trust() != null) {
            p.put(prefix + ".ssl.socketFactory", access.trust().socketFactory()); // used by STARTTLS too
        }
        return p;
    }

    private String protocol() {
        return at.secure() ? "imaps" : "imap";
    }

    @Override
    public List<String> warnings() {
        return at.secure() || !access.plaintext() ? List.of() : List.of("WARNING: " + MailboxUri.PLAINTEXT
                + " is on: if " + hostPort() + " does not offer STARTTLS, the mailbox password goes to it in clear text.");
    }

    Address address() {
        return at;
    }

    MailboxTrust trust() {
        return access.trust();
    }

    String hostPort() {
        return at.host() + ":" + at.port();
    }

    @Override
    public String describe() {
        return protocol() + "://" + MailboxUri.encodeUser(at.user()) + "@" + hostPort() + "/" + at.folder();
    }
}
