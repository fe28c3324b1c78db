package io.jenkins.plugins.deploygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.testing.MagicLinkApp;
import io.jenkins.plugins.deploygates.testing.MagicLinkApp.Style;
import io.jenkins.plugins.deploygates.testing.RealMailStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * smoke-auth as a user runs it against a self-signed mail server (the real mail stack): the certificate given with
 * --mailbox-trust-store, the passwords from the environment, and each mistake found before the app is asked for
 * anything.
 */
class SmokeAuthRealMailITest {
    @TempDir
    Path dir;
    private RealMailStack mail;
    private MagicLinkApp app;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        mail = RealMailStack.get();
        app = MagicLinkApp.start(mail.host(), mail.smtpPort(), Style.MULTIPART);
        env.put("SMOKE_MAILBOX_PASSWORD", mail.password());
        env.put("SMOKE_EXPIRED_TOKEN", app.expiredToken(mail.user()));
    }

    @AfterEach
    void tearDown() {
        CliEnvironment.reset();
        app.close();
    }

    private CliRun smokeAuth(String mailbox, String... more) {
        CliEnvironment.use(env);
        List<String> args = new ArrayList<>(List.of("smoke-auth", "--base-url", app.baseUrl(), "--email", mail.user(),
                "--mailbox", mailbox, "--timeout", "60s", "--report-dir", dir.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void imapWithStarttlsTrustingThePemCertificatePasses() throws Exception {
        CliRun run = smokeAuth(mail.imapUri(), "--mailbox-trust-store", mail.certificate().toString());

        assertThat(run.exitCode).as(run.err + run.out).isZero();
        assertThat(run.out).contains("PASSED mailbox ready").contains("PASSED expired token rejected")
                .contains("PASSED Retry-After honoured").doesNotContain(mail.password())
                .doesNotContain(env.get("SMOKE_EXPIRED_TOKEN"));
        assertThat(Files.readString(dir.resolve("smoke-auth-junit.xml"))).contains("tests=\"11\" failures=\"0\"");
    }

    @Test
    void imapsWithAPkcs12TrustStoreAndItsPasswordFromTheEnvironmentPasses() {
        env.put("SMOKE_MAILBOX_TRUST_STORE_PASSWORD", mail.trustStorePassword());

        CliRun run = smokeAuth(mail.imapsUri(), "--mailbox-trust-store", mail.trustStore().toString());

        assertThat(run.exitCode).as(run.err + run.out).isZero();
    }

    /** Issue 16, point 3: a raw "PKIX path building failed", exit 1, and no word of how to trust the server. */
    @Test
    void anUntrustedServerIsOneSentenceNamingTheOption() {
        CliRun run = smokeAuth(mail.imapsUri());

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err.trim().lines()).hasSize(1);
        assertThat(run.err).contains("mailbox ready (127.0.0.1:" + mail.imapsPort() + " presented a certificate that"
                + " this JVM does not trust: give the server's certificate (PEM) or a trust store that holds it with"
                + " mailboxTrustStore (command line: --mailbox-trust-store).)").doesNotContain("PKIX");
        assertThat(app.linkRequests()).isZero();
    }

    @Test
    void aMissingPasswordIsExitTwoBeforeTheAppIsAsked() {
        env.remove("SMOKE_MAILBOX_PASSWORD");

        CliRun run = smokeAuth(mail.imapUri(), "--mailbox-trust-store", mail.certificate().toString());

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("is missing: give it with mailboxCredentialsId (command line: SMOKE_MAILBOX_PASSWORD).");
        assertThat(app.linkRequests()).isZero();
    }
}
