package io.jenkins.plugins.deploygates.engine.smoke.mail;

import io.jenkins.plugins.deploygates.engine.common.BodyCap;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The readable text of an email: its plain and HTML parts joined, since the link may be in either. Quoted-printable
 * and base64 parts are decoded. A text part that says it is larger than {@link #CAP} is not read at all, and one
 * that says less is read only up to the cap: a server's declared size is not trusted (over IMAP the body is fetched
 * in pieces, so what is not read is not sent).
 */
public final class MailText {
    /** The most of an email's text parts that a run reads: a sign-in email is a few kilobytes. */
    public static final long CAP = 1024 * 1024;

    private MailText() {}

    public static String of(Part part) throws MessagingException, IOException {
        long[] budget = {CAP};
        return collect(part, false, budget) + "\n" + collect(part, true, budget);
    }

    /** The plain parts, or the HTML parts (each call with the whole cap). */
    public static String collect(Part part, boolean html) throws MessagingException, IOException {
        return collect(part, html, new long[] {CAP});
    }

    /** The plain parts, or the HTML parts, charging their size to the budget. */
    private static String collect(Part part, boolean html, long[] budget) throws MessagingException, IOException {
        if (part.isMimeType(html ? "text/html" : "text/plain")) {
            if (part.getSize() > budget[0]) {
                throw new BodyCap.Exceeded(CAP, "the email's text");
            }
            byte[] text;
            try (InputStream in = part.getInputStream()) {
                text = in.readNBytes((int) budget[0] + 1);
            }
            if (text.length > budget[0]) {
                throw new BodyCap.Exceeded(CAP, "the email's text");
            }
            budget[0] -= text.length;
            return new String(text, charsetOf(part));
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multi = (Multipart) part.getContent();
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < multi.getCount(); i++) {
                out.append(collect(multi.getBodyPart(i), html, budget));
            }
            return out.toString();
        }
        return "";
    }

    /** The part's declared charset; UTF-8 when it names none or one this JVM does not know. */
    private static Charset charsetOf(Part part) {
        try {
            String declared = new ContentType(part.getContentType()).getParameter("charset");
            return declared == null ? StandardCharsets.UTF_8 : Charset.forName(MimeUtility.javaCharset(declared));
        } catch (MessagingException | IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }
}
