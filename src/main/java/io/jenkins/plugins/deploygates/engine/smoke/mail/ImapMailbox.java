package io.jenkins.plugins.deploygates.engine.smoke.mail;

import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.RecipientStringTerm;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/** Any IMAP or IMAPS inbox (Gmail, Fastmail, a company server, GreenMail), read-only, through Angus Mail. */
public final class ImapMailbox implements Mailbox {
    private final boolean secure;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String folder;
    private final Duration timeout;

    public ImapMailbox(boolean secure, String host, int port, String user, String password, String folder,
            Duration timeout) {
        this.secure = secure;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.folder = folder;
        this.timeout = timeout;
    }

    @Override
    public List<MailMessage> messagesTo(String address, Instant since) throws IOException {
        String protocol = secure ? "imaps" : "imap";
        try (Store store = Session.getInstance(properties(protocol)).getStore(protocol)) {
            store.connect(host, port, user, password);
            Folder inbox = store.getFolder(folder);
            inbox.open(Folder.READ_ONLY);
            try {
                return read(inbox.search(new RecipientStringTerm(Message.RecipientType.TO, address)), since);
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException e) {
            throw new IOException("IMAP " + describe() + " failed: " + e.getMessage(), e);
        }
    }

    /** JVM {@code mail.*} properties first (a private CA: {@code -Dmail.imaps.ssl.trust=host}), then the timeouts. */
    private Properties properties(String protocol) {
        Properties p = new Properties();
        System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("mail."))
                .forEach(n -> p.setProperty(n, System.getProperty(n)));
        String millis = Long.toString(timeout.toMillis());
        p.setProperty("mail." + protocol + ".connectiontimeout", millis);
        p.setProperty("mail." + protocol + ".timeout", millis);
        return p;
    }

    private static List<MailMessage> read(Message[] found, Instant since) throws MessagingException, IOException {
        List<MailMessage> messages = new ArrayList<>();
        for (Message m : found) {
            Date received = m.getReceivedDate() != null ? m.getReceivedDate() : m.getSentDate();
            Instant at = received == null ? Instant.EPOCH : received.toInstant();
            if (!at.isBefore(since)) {
                messages.add(new MailMessage(recipients(m), at, MailText.of(m)));
            }
        }
        return messages;
    }

    private static List<String> recipients(Message m) throws MessagingException {
        List<String> out = new ArrayList<>();
        Address[] all = m.getAllRecipients();
        for (Address a : all == null ? new Address[0] : all) {
            out.add(a instanceof jakarta.mail.internet.InternetAddress
                    ? ((jakarta.mail.internet.InternetAddress) a).getAddress() : a.toString());
        }
        return out;
    }

    @Override
    public String describe() {
        return (secure ? "imaps://" : "imap://") + user + "@" + host + ":" + port + "/" + folder;
    }
}
