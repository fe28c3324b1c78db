package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.smoke.FlowDefinition;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeAuthFlow;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeReport;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeSettings;
import io.jenkins.plugins.deploygates.engine.smoke.Sleeper;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxUri;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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
            "Mailbox password from SMOKE_MAILBOX_PASSWORD; password-flow login from SMOKE_LOGIN_PASSWORD."})
public final class SmokeAuthCommand implements Callable<Integer> {
    /** Where secrets are read from; the tests swap it, since a JVM cannot set its own environment. */
    static UnaryOperator<String> environment = System::getenv;

    @Spec
    CommandSpec spec;

    @Option(names = "--base-url", required = true, description = "The deployed service, e.g. https://staging.example.com")
    String baseUrl;

    @Option(names = "--email", required = true, description = "The test inbox's address; a +tag is added per run.")
    String email;

    @Option(names = "--mailbox", description = "imap://user@host:port/INBOX, imaps://..., mailpit+http://host:port, "
            + "maildev+http://host:port")
    String mailbox;

    @Option(names = "--flow", description = "magic-link (default), password, or a JSON flow file.")
    String flow;

    @Option(names = "--set", description = "Override a flow setting, e.g. --set mePath=/api/v2/me", paramLabel = "NAME=VALUE")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--username", description = "Login name for the password flow (default: the email).")
    String username;

    @Option(names = "--plus-tag", description = "Tag added as user+TAG@domain (default: random per run; '' for none).")
    String plusTag;

    @Option(names = "--timeout", defaultValue = "60s", description = "How long to wait for the email (default 60s).")
    Duration timeout;

    @Option(names = "--max-retry-after", defaultValue = "60s", description = "Longest Retry-After to wait out (default 60s).")
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
        } catch (InterruptedException e) {
            throw stopped();
        }
        if (reportDir != null) {
            write(report);
        }
        if (StopSignals.received() != null) { // the checks so far, when a stopped engine still reports them
            throw stopped();
        }
        report.requirePassed();
        return ExitCode.PASSED;
    }

    private StoppedException stopped() {
        return StoppedException.after("before the login checks had finished", reportDir, SmokeReport.JSON_FILE,
                SmokeReport.JUNIT_FILE);
    }

    private SmokeSettings settings() {
        FlowDefinition definition = FlowDefinition.named(flow);
        String mailboxPassword = secretFromEnvironment("SMOKE_MAILBOX_PASSWORD");
        SmokeSettings settings = new SmokeSettings(baseUrl, email).flow(definition).overrides(overrides)
                .plusTag(plusTag != null ? plusTag : SmokeSettings.randomTag())
                .timeout(timeout).maxRetryAfter(maxRetryAfter).secret(mailboxPassword);
        if (mailbox != null) {
            settings.mailbox(MailboxUri.open(mailbox, null, mailboxPassword, timeout));
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
        try {
            report.writeTo(reportDir);
        } catch (IOException e) {
            throw new ConfigurationException("--report-dir '" + reportDir + "' cannot be written ("
                    + e.getClass().getSimpleName() + "): give a writable directory.");
        }
    }
}
