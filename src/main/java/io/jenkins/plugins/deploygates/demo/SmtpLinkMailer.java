package io.jenkins.plugins.deploygates.demo;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Sends the sign-in email through a real SMTP server (GreenMail in tests, {@link DemoMailbox} in the demo). */
final class SmtpLinkMailer {
    private final Session session;
    private final String from;

    SmtpLinkMailer(String host, int port, String from) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", host);
        p.setProperty("mail.smtp.port", Integer.toString(port));
        p.setProperty("mail.smtp.connectiontimeout", "5000");
        p.setProperty("mail.smtp.timeout", "5000");
        this.session = Session.getInstance(p);
        this.from = from;
    }

    void sendLink(String to, String link) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Your sign-in link");
        message.setText("Sign in to the demo service:\n\n" + link + "\n\nThe link works once and expires soon.\n",
                "UTF-8");
        Transport.send(message);
    }
}
