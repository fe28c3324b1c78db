package io.jenkins.plugins.deploygates.engine.smoke.mail;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates an IMAP(S) server may present besides the JVM's usual ones: a self-signed or company-CA
 * server. Read from {@code mailboxTrustStore}: PEM certificates, or a PKCS12/JKS trust store and its password.
 * Only the mailbox connection uses it; server names are still checked.
 */
public final class MailboxTrust {
    /** Trust stores are a few kilobytes; anything larger is not one. */
    static final long MAX_BYTES = 1024 * 1024;
    static final String OPTION = "mailboxTrustStore (command line: --mailbox-trust-store)";
    private final String name;
    private final SSLSocketFactory socketFactory;

    private MailboxTrust(String name, SSLSocketFactory socketFactory) {
        this.name = name;
        this.socketFactory = socketFactory;
    }

    /** A trust store file on this machine (the command line). */
    public static MailboxTrust readFile(Path file, String password) {
        ConfigurationException.require(Files.isRegularFile(file), "mailbox trust store '" + file
                + "' does not exist: give the server's certificate (PEM) or a trust store with " + OPTION + ".");
        try {
            ConfigurationException.require(Files.size(file) <= MAX_BYTES, "mailbox trust store '" + file
                    + "' is larger than 1 MiB, so it is not a trust store: give the server's certificate (PEM).");
            return of(file.toString(), Files.readAllBytes(file), password);
        } catch (IOException e) {
            throw new ConfigurationException("mailbox trust store '" + file + "' cannot be read (" + e.getMessage()
                    + "): check its permissions.");
        }
    }

    /**
     * @param name how to name it in messages (the path the user gave)
     * @param password the store's password; ignored for PEM certificates
     */
    public static MailboxTrust of(String name, byte[] content, String password) {
        KeyStore store = isPem(content) ? pem(name, content) : keyStore(name, content, password);
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return new MailboxTrust(name, tls.getSocketFactory());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot set up TLS with a trust store", e);
        }
    }

    private static boolean isPem(byte[] content) {
        return new String(content, 0, Math.min(content.length, 4096), StandardCharsets.US_ASCII)
                .contains("-----BEGIN CERTIFICATE-----");
    }

    private static KeyStore pem(String name, byte[] content) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(content));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("mailbox-" + i++, c);
            }
            return requireCertificates(name, store);
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigurationException("mailbox trust store '" + name + "' holds a PEM certificate that cannot be"
                    + " read (" + e.getMessage() + "): give the server's certificate as PEM, as openssl prints it.");
        }
    }

    private static KeyStore keyStore(String name, byte[] content, String password) {
        char[] secret = password == null ? null : password.toCharArray();
        for (String type : List.of("PKCS12", "JKS")) {
            try {
                KeyStore store = KeyStore.getInstance(type);
                store.load(new ByteArrayInputStream(content), secret);
                return requireCertificates(name, store);
            } catch (GeneralSecurityException | IOException e) {
                // not this type, or the wrong password: try the next, then say both
            }
        }
        throw new ConfigurationException("mailbox trust store '" + name + "' is neither PEM certificates nor a PKCS12 or"
                + " JKS trust store that opens with the given password: check the file and its password"
                + " (mailboxTrustStoreCredentialsId; command line: SMOKE_MAILBOX_TRUST_STORE_PASSWORD).");
    }

    private static KeyStore requireCertificates(String name, KeyStore store) throws GeneralSecurityException {
        ConfigurationException.require(store.size() > 0,
                "mailbox trust store '" + name + "' holds no certificate: give the server's certificate.");
        return store;
    }

    SSLSocketFactory socketFactory() {
        return socketFactory;
    }

    String name() {
        return name;
    }
}
