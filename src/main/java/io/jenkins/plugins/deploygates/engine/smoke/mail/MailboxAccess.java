package io.jenkins.plugins.deploygates.engine.smoke.mail;

/**
 * How to get into a mailbox besides its URI: the login (a user that overrides the URI's, and the password), the
 * certificates to trust, and whether {@code imap://} may log in without TLS.
 */
public final class MailboxAccess {
    private String user;
    private String password;
    private MailboxTrust trust;
    private boolean plaintext;

    public static MailboxAccess login(String user, String password) {
        MailboxAccess access = new MailboxAccess();
        access.user = user;
        access.password = password;
        return access;
    }

    /** Certificates to trust for IMAPS and STARTTLS; null for the JVM's own. */
    public MailboxAccess trust(MailboxTrust value) {
        this.trust = value;
        return this;
    }

    /**
     * Lets {@code imap://} log in when the server does not offer STARTTLS, so the password travels in clear text.
     * Every run that allows it says so.
     */
    public MailboxAccess plaintext(boolean value) {
        this.plaintext = value;
        return this;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    MailboxTrust trust() {
        return trust;
    }

    boolean plaintext() {
        return plaintext;
    }
}
