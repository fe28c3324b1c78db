package io.jenkins.plugins.deploygates.testing;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Map;
import java.util.Properties;

/**
 * Sign-in emails as real apps and transactional mail services send them, through a real SMTP server:
 * multipart/alternative with a plain and an HTML part, both quoted-printable (so long lines are soft-wrapped and
 * {@code =} is written {@code =3D}), the HTML link with {@code &amp;}; or HTML only.
 */
final class MagicLinkMail {
    private final Session session;

    MagicLinkMail(String smtpHost, int smtpPort) {
        Properties smtp = new Properties();
        smtp.putAll(Map.of("mail.smtp.host", smtpHost, "mail.smtp.port", Integer.toString(smtpPort),
                "mail.smtp.connectiontimeout", "10000", "mail.smtp.timeout", "10000"));
        this.session = Session.getInstance(smtp);
    }

    /** @param link the URL as the browser must open it (the HTML part escapes its {@code &}) */
    void send(String to, String link, boolean htmlOnly) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("no-reply@app.example.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Sign in to Example – your link inside", "UTF-8");
        MimeBodyPart html = part(html(link), "html");
        if (htmlOnly) {
            message.setContent(new MimeMultipart(html));
        } else {
            message.setContent(new MimeMultipart("alternative", part(plain(link), "plain"), html));
        }
        message.saveChanges();
        Transport.send(message);
    }

    private static MimeBodyPart part(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, "UTF-8", subtype);
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
    }

    private static String plain(String link) {
        return "Hallo,\r\n\r\nhere is your sign-in link for Example (it works once, for 15 minutes):\r\n\r\n" + link
                + "\r\n\r\nIf you did not ask for it, ignore this email.\r\nGrüße, the Example team\r\n";
    }

    /** A long one-line body, as template engines write it, so quoted-printable must wrap it. */
    private static String html(String link) {
        String href = link.replace("&", "&amp;");
        return "<!DOCTYPE html><html><body style=\"font-family: sans-serif; color: #222; margin: 0; padding: 24px;\">"
                + "<p>Hallo,</p><p>here is your sign-in link for <b>Example</b> – it works once, for 15 minutes:</p>"
                + "<p><a href=\"" + href + "\" style=\"display: inline-block; padding: 12px 20px; background: #0b5;"
                + " color: #fff; text-decoration: none; border-radius: 4px;\">Sign in to Example</a></p>"
                + "<p style=\"font-size: 12px; color: #666;\">If you did not ask for it, ignore this email.</p>"
                + "<p>Grüße, the Example team</p></body></html>";
    }
}
