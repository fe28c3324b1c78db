package io.jenkins.plugins.deploygates.engine.smoke.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploygates.engine.common.BodyCap;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How much of an email a smoke run reads: never more than the cap, whatever size the server says the part has. */
class MailTextTest {

    /** A part whose server says it is small, as a hostile or broken IMAP server may. */
    static final class UnderstatedPart extends MimeBodyPart {
        @Override
        public int getSize() {
            return 100;
        }
    }

    @Test
    void aPartThatUnderstatesItsSizeIsReadOnlyUpToTheCap() throws Exception {
        MimeBodyPart part = new UnderstatedPart();
        part.setText("x".repeat((int) MailText.CAP * 3) + " https://app.example/verify?token=late", "UTF-8");

        assertThatThrownBy(() -> MailText.of(part)).isInstanceOf(BodyCap.Exceeded.class)
                .hasMessageContaining("the email's text");
    }

    @Test
    void theCapCountsEveryTextPartOfTheEmail() throws Exception {
        MimeMultipart both = new MimeMultipart("alternative");
        both.addBodyPart(text("a".repeat((int) MailText.CAP / 2 + 10), "plain"));
        both.addBodyPart(text("b".repeat((int) MailText.CAP / 2 + 10), "html"));
        MimeBodyPart email = new MimeBodyPart();
        email.setContent(both);

        assertThatThrownBy(() -> MailText.of(email)).isInstanceOf(BodyCap.Exceeded.class);
    }

    @Test
    void quotedPrintableHtmlIsDecodedInItsCharset() throws Exception {
        MimeBodyPart html = received("Content-Type: text/html; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "<p>Connexion =C3=A0 Shop: <a href=3D\"https://app.example/v?t=3Dabc\">ici</a></p>\r\n");

        assertThat(MailText.collect(html, true)).contains("Connexion \u00e0 Shop", "href=\"https://app.example/v?t=abc\"");
    }

    @Test
    void anUnknownCharsetIsReadAsUtf8() throws Exception {
        MimeBodyPart plain = received("Content-Type: text/plain; charset=x-no-such-charset\r\n\r\n"
                + "Sign in: https://app.example/v?t=abc\r\n");

        assertThat(MailText.collect(plain, false)).contains("Sign in: https://app.example/v?t=abc");
    }

    /** A part as it arrives: headers and an encoded body, parsed. */
    private static MimeBodyPart received(String raw) throws MessagingException {
        return new MimeBodyPart(new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
    }

    private static MimeBodyPart text(String body, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(body, "UTF-8", subtype);
        return part;
    }
}
