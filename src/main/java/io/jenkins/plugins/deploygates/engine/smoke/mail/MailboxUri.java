package io.jenkins.plugins.deploygates.engine.smoke.mail;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns a mailbox URI into a {@link Mailbox}: {@code imap://user@host:143/INBOX}, {@code imaps://user@host/INBOX},
 * {@code mailpit+http://host:8025}, {@code maildev+http://host:1080}. The password never goes in the URI: it
 * comes from a Jenkins credential or {@code SMOKE_MAILBOX_PASSWORD}.
 */
public final class MailboxUri {
    private static final String HINT =
            ": write imap://user@host:port/INBOX, imaps://user@host/INBOX, mailpit+http://host:port or maildev+http://host:port.";
    static final String PASSWORD = "mailboxCredentialsId (command line: SMOKE_MAILBOX_PASSWORD)";
    static final String PLAINTEXT = "mailboxPlaintext (command line: --mailbox-plaintext)";

    private MailboxUri() {}

    /** Checks the URI's form only (the Snippet Generator's form check): no login is needed for that. */
    public static void check(String text) {
        URI uri = parse(text);
        requireNoPassword(uri);
        scheme(uri, text);
    }

    /** @throws ConfigurationException for a malformed URI or a login that is missing something */
    public static Mailbox open(String text, MailboxAccess access) {
        URI uri = parse(text);
        requireNoPassword(uri);
        String scheme = scheme(uri, text);
        String user = access.user() != null && !access.user().isEmpty() ? access.user() : decode(uri.getRawUserInfo());
        if (scheme.startsWith("imap")) {
            return imap(uri, scheme.equals("imaps"), user, access);
        }
        boolean secure = scheme.endsWith("https");
        requirePassword(user, access.password(), uri);
        ConfigurationException.require(secure || user == null || user.isEmpty() || access.plaintext(), "mailbox '"
                + uri + "' would send its password over plain HTTP: use " + scheme.replace("http", "https")
                + ", or accept that with " + PLAINTEXT + ".");
        String base = httpBase(uri, scheme);
        return scheme.startsWith("mailpit") ? new MailpitMailbox(base, user, access.password())
                : new MailDevMailbox(base, user, access.password());
    }

    private static URI parse(String text) {
        ConfigurationException.require(text != null && !text.isBlank(), "mailbox is empty" + HINT);
        try {
            URI uri = new URI(text.trim());
            ConfigurationException.require(uri.getScheme() != null && uri.getHost() != null,
                    "mailbox '" + text + "' is not a mailbox URI" + HINT);
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException("mailbox '" + text + "' is not a mailbox URI" + HINT);
        }
    }

    private static void requireNoPassword(URI uri) {
        ConfigurationException.require(uri.getRawUserInfo() == null || !uri.getRawUserInfo().contains(":"),
                "mailbox URI holds a password: remove it and pass it as a credential or SMOKE_MAILBOX_PASSWORD.");
    }

    private static String scheme(URI uri, String text) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        ConfigurationException.require(scheme.matches("imaps?|(mailpit|maildev)\\+https?"),
                "mailbox '" + text + "' has an unknown scheme" + HINT);
        return scheme;
    }

    private static Mailbox imap(URI uri, boolean secure, String user, MailboxAccess access) {
        ConfigurationException.require(user != null && !user.isEmpty(),
                "mailbox '" + uri + "' names no IMAP user: write imap://user@host:port/INBOX or give a credential.");
        requirePassword(user, access.password(), uri);
        int port = uri.getPort() > 0 ? uri.getPort() : (secure ? 993 : 143);
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new ImapMailbox(new ImapMailbox.Address(secure, uri.getHost(), port, user,
                path.isEmpty() ? "INBOX" : path), access);
    }

    private static void requirePassword(String user, String password, URI uri) {
        ConfigurationException.require(user == null || user.isEmpty() || (password != null && !password.isEmpty()),
                "the password of mailbox '" + uri + "' is missing: give it with " + PASSWORD + ".");
    }

    private static String httpBase(URI uri, String scheme) {
        String http = scheme.substring(scheme.indexOf('+') + 1);
        String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return http + "://" + uri.getHost() + port + path;
    }

    private static String decode(String userInfo) {
        return userInfo == null ? null : URLDecoder.decode(userInfo, StandardCharsets.UTF_8);
    }

    /** A user name as it must be written in a URI: {@code smoke%40example.com}. */
    static String encodeUser(String user) {
        return user.replace("%", "%25").replace("@", "%40").replace(":", "%3A").replace("/", "%2F");
    }
}
