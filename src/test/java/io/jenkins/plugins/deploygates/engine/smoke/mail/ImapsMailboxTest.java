package io.jenkins.plugins.deploygates.engine.smoke.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IMAPS against GreenMail's TLS server with a self-signed certificate for 127.0.0.1, as a company mail server
 * might have: it is trusted only through mailboxTrustStore (PEM or PKCS12), server names are still checked, and
 * without the trust store the failure names the option to use.
 */
class ImapsMailboxTest {
    private static final HeldCertificate SERVER = new HeldCertificate.Builder().commonName("mail.example.test")
            .addSubjectAlternativeName("127.0.0.1").build();
    private static final String KEYSTORE_PASSWORD = "greenmail-ks-pw";
    /** GreenMail reads its server key from these properties once per JVM, before its first TLS server starts. */
    static final Path KEYSTORE = serverKeyStore();

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(
            new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAPS.dynamicPort()});

    @BeforeEach
    void user() {
        GREEN_MAIL.setUser("smoke+tls@example.test", "smoke", "tls-pw-1");
    }

    private static Path serverKeyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("greenmail", SERVER.keyPair().getPrivate(), KEYSTORE_PASSWORD.toCharArray(),
                    new Certificate[] {SERVER.certificate()});
            Path file = Files.createTempFile("greenmail-imaps", ".p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, KEYSTORE_PASSWORD.toCharArray());
            }
            file.toFile().deleteOnExit();
            System.setProperty("greenmail.tls.keystore.file", file.toString());
            System.setProperty("greenmail.tls.keystore.password", KEYSTORE_PASSWORD);
            System.setProperty("greenmail.tls.key.password", KEYSTORE_PASSWORD);
            return file;
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the test server's key store", e);
        }
    }

    private static byte[] pem() {
        return SERVER.certificatePem().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] pkcs12(String password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("mail", SERVER.certificate());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password.toCharArray());
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Mailbox mailbox(String password, MailboxTrust trust) {
        return MailboxUri.open("imaps://smoke@127.0.0.1:" + GREEN_MAIL.getImaps().getPort() + "/INBOX",
                MailboxAccess.login(null, password).trust(trust));
    }

    @Test
    void readsTheMessageOverTlsTrustingThePemCertificate() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        MailSession session = mailbox("tls-pw-1", MailboxTrust.of("mail.pem", pem(), null)).connect(Duration.ofSeconds(5));
        GreenMailUtil.sendTextEmail("smoke+tls@example.test", "app@example.test", "Sign in",
                "https://app.example.test/verify?token=t0k3n", GREEN_MAIL.getSmtp().getServerSetup());
        GREEN_MAIL.waitForIncomingEmail(5_000, 1);

        List<MailMessage> found = session.messagesSince(before);

        assertThat(session.summary()).startsWith("logged in over TLS to imaps://smoke@127.0.0.1:");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).isFor("smoke+tls@example.test")).isTrue();
        assertThat(found.get(0).text()).contains("token=t0k3n");
        session.close();
    }

    @Test
    void aPkcs12TrustStoreOpensWithItsPassword() throws Exception {
        MailSession session = mailbox("tls-pw-1", MailboxTrust.of("trust.p12", pkcs12("store-pw"), "store-pw"))
                .connect(Duration.ofSeconds(5));

        assertThat(session.summary()).contains("over TLS");
        session.close();
        assertThatThrownBy(() -> MailboxTrust.of("trust.p12", pkcs12("store-pw"), "not-the-pw"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("mailbox trust store 'trust.p12' is neither PEM certificates nor a PKCS12")
                .hasMessageContaining("SMOKE_MAILBOX_TRUST_STORE_PASSWORD");
    }

    /** Issue 16, point 3: a raw "PKIX path building failed" became a sentence that names the option. */
    @Test
    void anUntrustedCertificateNamesTheTrustStoreOption() {
        assertThatThrownBy(() -> mailbox("tls-pw-1", null).connect(Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class)
                .hasMessage("127.0.0.1:" + GREEN_MAIL.getImaps().getPort() + " presented a certificate that this JVM"
                        + " does not trust: give the server's certificate (PEM) or a trust store that holds it with"
                        + " mailboxTrustStore (command line: --mailbox-trust-store).");
    }

    @Test
    void aTrustStoreWithAnotherCertificateSaysSo() {
        byte[] other = new HeldCertificate.Builder().commonName("other").build().certificatePem()
                .getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> mailbox("tls-pw-1", MailboxTrust.of("other.pem", other, null)).connect(Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class).hasMessageContaining("mailbox trust store 'other.pem' does not hold");
    }

    @Test
    void aWrongPasswordIsFoundWhenConnectingAndNotShown() {
        assertThatThrownBy(() -> mailbox("wrong-pw-9", MailboxTrust.of("mail.pem", pem(), null)).connect(Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("imaps://smoke@127.0.0.1:" + GREEN_MAIL.getImaps().getPort()
                        + "/INBOX refused the login of smoke")
                .hasMessageEndingWith("check the user and password given with mailboxCredentialsId (command line:"
                        + " SMOKE_MAILBOX_PASSWORD).")
                .hasMessageNotContaining("wrong-pw-9");
    }

    @Test
    void aTrustStoreFileMustExist() {
        assertThatThrownBy(() -> MailboxTrust.readFile(Path.of("/nonexistent/mail.pem"), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("mailbox trust store '/nonexistent/mail.pem' does not exist: give the server's certificate"
                        + " (PEM) or a trust store with mailboxTrustStore (command line: --mailbox-trust-store).");
    }
}
