package io.jenkins.plugins.deploygates.engine.smoke.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IMAPS against GreenMail's TLS server. Its certificate is self-signed and names no host, so the test trusts it
 * through the JVM's {@code mail.imaps.ssl.*} properties, which the mailbox passes on to Angus Mail.
 */
class ImapsMailboxTest {
    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(
            new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAPS.dynamicPort()});

    @BeforeEach
    void trustGreenMail() {
        System.setProperty("mail.imaps.ssl.trust", "127.0.0.1");
        System.setProperty("mail.imaps.ssl.checkserveridentity", "false");
        GREEN_MAIL.setUser("smoke+tls@example.test", "smoke", "tls-pw-1");
    }

    @AfterEach
    void untrust() {
        System.clearProperty("mail.imaps.ssl.trust");
        System.clearProperty("mail.imaps.ssl.checkserveridentity");
    }

    private Mailbox mailbox(String password) {
        return MailboxUri.open("imaps://smoke@127.0.0.1:" + GREEN_MAIL.getImaps().getPort() + "/INBOX", null, password,
                Duration.ofSeconds(3));
    }

    @Test
    void readsTheMessageOverTls() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        GreenMailUtil.sendTextEmail("smoke+tls@example.test", "app@example.test", "Sign in",
                "https://app.example.test/verify?token=t0k3n", GREEN_MAIL.getSmtp().getServerSetup());

        List<MailMessage> found = mailbox("tls-pw-1").messagesTo("smoke+tls@example.test", before);

        assertThat(found).hasSize(1);
        assertThat(found.get(0).text()).contains("token=t0k3n");
    }

    @Test
    void aWrongPasswordIsAnIoErrorWithoutThePassword() {

        assertThatThrownBy(() -> mailbox("wrong-pw-9").messagesTo("smoke+tls@example.test", Instant.EPOCH))
                .isInstanceOf(IOException.class).hasMessageStartingWith("IMAP imaps://smoke@127.0.0.1:")
                .hasMessageNotContaining("wrong-pw-9");
    }
}
