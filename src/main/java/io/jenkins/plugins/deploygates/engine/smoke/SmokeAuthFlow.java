package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.smoke.CheckResult.Outcome;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailWaiter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proves people can still sign in after a deploy: runs each named check of a login flow against the live
 * service and a real mailbox, and reports every check, redacted. Checks are independent: a check that needs a
 * value an earlier one failed to obtain is skipped, so each broken behaviour fails exactly its own check.
 */
public final class SmokeAuthFlow {
    private final SmokeSettings settings;
    private final ProgressLog log;
    private final Sleeper sleeper;

    public SmokeAuthFlow(SmokeSettings settings, ProgressLog log, Sleeper sleeper) {
        this.settings = settings;
        this.log = log;
        this.sleeper = sleeper;
    }

    /** @throws io.jenkins.plugins.deploygates.engine.common.ConfigurationException for a mistake in the settings */
    public SmokeReport run() throws InterruptedException {
        settings.validate();
        RunState state = new RunState(variables(), Redactor.byShape().with(secrets()));
        FlowDefinition flow = settings.flow();
        log.line(state.redact("smokeAuthFlow: flow " + flow.name + " against " + settings.baseUrl()
                + " as " + settings.runAddress() + mailboxNote()));
        HttpCaller http = new HttpCaller(settings.timeout());
        MailWaiter mail = settings.mailbox() == null ? null
                : new MailWaiter(settings.mailbox(), settings.timeout(), settings.pollInterval());
        List<CheckResult> results = new ArrayList<>();
        for (CheckDefinition check : flow.checks) {
            if (check.runIf == null || state.has(check.runIf)) {
                Optional<CheckResult> skipped = unmetPrerequisite(check, results);
                CheckResult result = skipped.isPresent() ? skipped.get()
                        : new CheckRunner(state, http, mail, sleeper, settings.timeout(), settings.maxRetryAfter())
                                .run(check);
                results.add(result);
                log.line(state.redact(line(result)));
            }
        }
        List<CheckResult> redacted = new ArrayList<>();
        results.forEach(r -> redacted.add(r.redacted(state.redactor())));
        return new SmokeReport(flow.name, settings.baseUrl(), settings.runAddress(), redacted);
    }

    private static Optional<CheckResult> unmetPrerequisite(CheckDefinition check, List<CheckResult> done) {
        for (String name : check.after) {
            boolean passed = done.stream().anyMatch(r -> r.name().equals(name) && r.outcome() == Outcome.PASSED);
            if (!passed) {
                return Optional.of(new CheckResult(check.name, Outcome.SKIPPED, null, null, 0,
                        "runs after '" + name + "', which did not pass"));
            }
        }
        return Optional.empty();
    }

    private Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>(settings.flow().defaults);
        vars.putAll(settings.overrides());
        vars.put("baseUrl", settings.baseUrl());
        vars.put("email", settings.runAddress());
        if (settings.username() != null) {
            vars.put("username", settings.username());
        }
        if (settings.password() != null) {
            vars.put("password", settings.password());
        }
        return vars;
    }

    private List<String> secrets() {
        List<String> secrets = new ArrayList<>(settings.secrets());
        if (settings.password() != null) {
            secrets.add(settings.password());
        }
        String expired = settings.overrides().get("expiredToken");
        if (expired != null) {
            secrets.add(expired);
        }
        return secrets;
    }

    private String mailboxNote() {
        return settings.mailbox() == null ? "" : ", reading " + settings.mailbox().describe();
    }

    private static String line(CheckResult r) {
        String what = r.request() == null ? "" : " - " + r.request() + (r.status() == null ? "" : " -> " + r.status());
        String why = r.reason() == null ? "" : ": " + r.reason();
        return "  " + r.outcome() + " " + r.name() + what + " (" + r.latencyMillis() + "ms)" + why;
    }
}
