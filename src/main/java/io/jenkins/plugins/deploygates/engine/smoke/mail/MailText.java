package io.jenkins.plugins.deploygates.engine.smoke.mail;

import io.jenkins.plugins.deploygates.engine.common.BodyCap;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;

/**
 * The readable text of an email: its plain and HTML parts joined, since the link may be in either. Quoted-printable
 * and base64 parts are decoded. A text part larger than {@link #CAP} is not read at all.
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
            budget[0] -= Math.max(0, part.getSize());
            if (budget[0] < 0) {
                throw new BodyCap.Exceeded(CAP, "the email's text");
            }
            return String.valueOf(part.getContent());
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
}
