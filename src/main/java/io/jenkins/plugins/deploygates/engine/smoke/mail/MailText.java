package io.jenkins.plugins.deploygates.engine.smoke.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;

/** The readable text of an email: its plain and HTML parts joined, since the link may be in either. */
public final class MailText {
    private MailText() {}

    public static String of(Part part) throws MessagingException, IOException {
        return collect(part, false) + "\n" + collect(part, true);
    }

    /** The plain parts, or the HTML parts. */
    public static String collect(Part part, boolean html) throws MessagingException, IOException {
        if (part.isMimeType(html ? "text/html" : "text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multi = (Multipart) part.getContent();
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < multi.getCount(); i++) {
                out.append(collect(multi.getBodyPart(i), html));
            }
            return out.toString();
        }
        return "";
    }
}
