package io.jenkins.plugins.deploygates.engine.smoke.mail;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns a mailbox URI into a {@link Mailbox}: {@code imap://user@host:143/INBOX}, {@code imaps://user@host/INBOX},
 * {@code mailpit+http://host:8025}, {@code maildev+http://host:1080}. The password never goes in the URI: it
 * comes from a Jenkins credential or {@code SMOKE_MAILBOX_PASSWORD}.
 */
public final class MailboxUri {
    private static final String HINT =
            ": write imap://user@host:port/INBOX, imaps://user@host/INBOX, mailpit+http://host:port or maildev+http://host:port.";

    private MailboxUri() {}

    public static Mailbox open(String text, String userOverride, String password, Duration timeout) {
        URI uri = parse(text);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        ConfigurationException.require(uri.getRawUserInfo() == null || !uri.getRawUserInfo().contains(":"),
                "mailbox URI holds a password: remove it and pass it as a credential or SMOKE_MAILBOX_PASSWORD.");
        String user = userOverride != null && !userOverride.isEmpty() ? userOverride : decode(uri.getRawUserInfo());
        switch (scheme) {
            case "imap":
            case "imaps":
                return imap(uri, scheme.equals("imaps"), user, password, timeout);
            case "mailpit+http":
            case "mailpit+https":
                return new MailpitMailbox(httpBase(uri, scheme), user, password, timeout);
            case "maildev+http":
            case "maildev+https":
                return new MailDevMailbox(httpBase(uri, scheme), user, password, timeout);
            default:
                throw new ConfigurationException("mailbox '" + text + "' has an unknown scheme" + HINT);
        }
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

    private static Mailbox imap(URI uri, boolean secure, String user, String password, Duration timeout) {
        ConfigurationException.require(user != null && !user.isEmpty(),
                "mailbox '" + uri + "' names no IMAP user: write imap://user@host:port/INBOX or give a credential.");
        int port = uri.getPort() > 0 ? uri.getPort() : (secure ? 993 : 143);
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new ImapMailbox(secure, uri.getHost(), port, user, password, path.isEmpty() ? "INBOX" : path, timeout);
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
}
