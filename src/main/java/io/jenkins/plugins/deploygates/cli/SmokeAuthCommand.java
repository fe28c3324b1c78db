package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.smoke.FlowDefinition;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeAuthFlow;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeReport;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeRunStopped;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeSettings;
import io.jenkins.plugins.deploygates.engine.smoke.Sleeper;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxAccess;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxTrust;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxUri;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code smoke-auth}: sign in to a deployed service through its real login flow and check every step. */
@Command(name = "smoke-auth", mixinStandardHelpOptions = true,
        description = {"Smoke-test a deployed service's login: magic link by email (default) or password.",
            "Secrets come from the environment: SMOKE_MAILBOX_PASSWORD (the mailbox), SMOKE_LOGIN_PASSWORD (the",
            "password flow), SMOKE_EXPIRED_TOKEN (an expired link token, for 'expired token rejected') and",
            "SMOKE_MAILBOX_TRUST_STORE_PASSWORD (a PKCS12 or JKS --mailbox-trust-store)."})
public final class SmokeAuthCommand implements Callable<Integer> {
    /** Where secrets are read from; the tests swap it, since a JVM cannot set its own environment. */
    static UnaryOperator<String> environment = System::getenv;

    @Spec
    CommandSpec spec;

    @Option(names = "--base-url", required = true, description = "The deployed service, e.g. https://staging.example.com")
    String baseUrl;

    @Option(names = "--email", required = true, description = "The test inbox's address; each run adds its tag as "
            + "user+TAG@domain, or where the address says {tag} (smoke-{tag}@example.com).")
    String email;

    @Option(names = "--mailbox", description = "imap://user@host:port/INBOX, imaps://..., mailpit+http://host:port, "
            + "maildev+http://host:port")
    String mailbox;

    @Option(names = "--mailbox-trust-store", paramLabel = "FILE", description = "Certificates to trust for IMAPS and "
            + "STARTTLS (a self-signed or company-CA mailbox): PEM, or PKCS12/JKS with SMOKE_MAILBOX_TRUST_STORE_PASSWORD.")
    Path mailboxTrustStore;

    @Option(names = "--mailbox-plaintext", description = "Let imap:// log in when the server offers no STARTTLS: the "
            + "mailbox password then travels in clear text (each run warns).")
    boolean mailboxPlaintext;

    @Option(names = "--flow", description = "magic-link (default), password, or a JSON flow file.")
    String flow;

    @Option(names = "--set", description = "Override a flow setting, e.g. --set mePath=/api/v2/me", paramLabel = "NAME=VALUE")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--username", description = "Login name for the password flow (default: the email).")
    String username;

    @Option(names = "--plus-tag", description = "This run's tag in the address: a random one per run (default), "
            + "'none' for the address as given, or your own.")
    String plusTag;

    @Option(names = "--allow-link-host", paramLabel = "HOST[:PORT]", description = "A host besides the base URL's "
            + "that the emailed link may lead through or to (a click tracker); repeatable.")
    List<String> allowedLinkHosts = new ArrayList<>();

    @Option(names = "--warn-only", paramLabel = "CHECK", description = "A check whose failure only warns, e.g. "
            + "--warn-only 'Retry-After honoured'; repeatable.")
    List<String> warnOnly = new ArrayList<>();

    @Option(names = "--timeout", defaultValue = "2m", description = "Bound of the whole run: mailbox, requests, the "
            + "email and the Retry-After waits (default 2m).")
    Duration timeout;

    @Option(names = "--max-retry-after", defaultValue = "60s", description = "Longest Retry-After the 'Retry-After "
            + "honoured' check waits out (default 60s).")
    Duration maxRetryAfter;

    @Option(names = "--report-dir", description = "Write smoke-auth-junit.xml and smoke-auth.json here.")
    Path reportDir;

    @Override
    public Integer call() throws Exception {
        SmokeSettings settings = settings();
        if (reportDir != null) {
            OutputPaths.requireWritableFolder("--report-dir", reportDir);
        }
        ProgressLog log = ProgressLog.to(spec.commandLine().getOut());
        SmokeReport report;
        try (StopSignals.Section section = StopSignals.interruptible()) {
            report = new SmokeAuthFlow(settings, log, Sleeper.real()).run();
        } catch (SmokeRunStopped stopped) {
            // Ctrl-C or SIGTERM stops the run: the checks that ran are still written, the rest marked not run
            write(stopped.report());
            throw StoppedException.after("during the checks: " + StoppedException.clause(stopped.getMessage()),
                    reportDir, SmokeReport.JSON_FILE, SmokeReport.JUNIT_FILE);
        }
        write(report);
        report.requirePassed();
        return ExitCode.PASSED;
    }

    private SmokeSettings settings() {
        FlowDefinition definition = FlowDefinition.named(flow);
        String mailboxPassword = secretFromEnvironment("SMOKE_MAILBOX_PASSWORD");
        SmokeSettings settings = new SmokeSettings(baseUrl, email).flow(definition).overrides(overrides)
                .plusTag(plusTag != null && plusTag.isBlank() ? null : SmokeSettings.tagFor(plusTag))
                .timeout(timeout).maxRetryAfter(maxRetryAfter).secret(mailboxPassword)
                .allowLinkHosts(allowedLinkHosts).warnOnly(warnOnly);
        String expired = environment.apply("SMOKE_EXPIRED_TOKEN");
        if (expired != null && !expired.isEmpty() && !overrides.containsKey("expiredToken")) {
            settings.override("expiredToken", expired);
        }
        if (mailbox != null) {
            MailboxTrust trust = mailboxTrustStore == null ? null : MailboxTrust.readFile(mailboxTrustStore,
                    environment.apply("SMOKE_MAILBOX_TRUST_STORE_PASSWORD"));
            settings.mailbox(MailboxUri.open(mailbox, MailboxAccess.login(null, mailboxPassword).trust(trust)
                    .plaintext(mailboxPlaintext)));
        }
        String loginPassword = secretFromEnvironment("SMOKE_LOGIN_PASSWORD");
        if (FlowDefinition.PASSWORD.equals(definition.name)) {
            settings.login(username != null ? username : email, loginPassword);
        }
        return settings;
    }

    /** An empty or blank variable is no password at all (CI systems often set an unset secret to ""). */
    private static String secretFromEnvironment(String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? null : value;
    }

    private void write(SmokeReport report) {
        if (reportDir == null) {
            return;
        }
        try {
            report.writeTo(reportDir);
        } catch (IOException e) {
            throw new ConfigurationException("--report-dir '" + reportDir + "' cannot be written ("
                    + e.getClass().getSimpleName() + "): give a writable directory.");
        }
    }
}
