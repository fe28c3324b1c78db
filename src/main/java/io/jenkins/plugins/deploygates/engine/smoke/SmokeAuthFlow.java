package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.Deadline;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.smoke.CheckResult.Outcome;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailWaiter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Proves people can still sign in after a deploy: runs each named check of a login flow against the live
 * service and a real mailbox, and reports every check, redacted. The mailbox is checked first, before anything is
 * requested. Checks are independent: a check that needs a value an earlier one failed to obtain is skipped, so each
 * broken behaviour fails exactly its own check. The timeout bounds the whole run; a stopped run
 * ({@link SmokeRunStopped}) still hands over its report.
 */
public final class SmokeAuthFlow {
    static final String MAILBOX_READY = "mailbox ready";
    private final SmokeSettings settings;
    private final ProgressLog log;
    private final Sleeper sleeper;

    public SmokeAuthFlow(SmokeSettings settings, ProgressLog log, Sleeper sleeper) {
        this.settings = settings;
        this.log = log;
        this.sleeper = sleeper;
    }

    /**
     * @throws io.jenkins.plugins.deploygates.engine.common.ConfigurationException for a mistake in the settings
     * @throws SmokeRunStopped when the thread is interrupted; it carries the report so far
     */
    public SmokeReport run() throws SmokeRunStopped {
        settings.validate();
        Deadline deadline = Deadline.after(settings.timeout());
        RunAddress address = settings.address();
        RunState state = new RunState(variables(address), Redactor.byShape().with(secrets()));
        Consumer<String> say = text -> log.line(state.redact(text));
        FlowDefinition flow = settings.flow();
        say.accept("smokeAuthFlow: flow " + flow.name + " against " + settings.baseUrl() + " as " + address.address()
                + mailboxNote() + ", within " + Durations.format(settings.timeout()));
        warnings(address).forEach(say);
        Results results = new Results(flow, state, say);
        try (HttpCaller http = new HttpCaller(settings.http()); Mail mail = new Mail()) {
            if (flow.needsMailbox && !mailboxReady(mail, deadline, results)) {
                results.skipAll("the mailbox was not ready, so nothing was requested");
                return results.report(settings, address, false);
            }
            RunContext run = new RunContext(state, http, mail.waiter, sleeper, deadline, settings.maxRetryAfter(),
                    new LinkPolicy(settings.baseUrl(), settings.allowedLinkHosts()), address, say);
            for (CheckDefinition check : results.toRun()) {
                results.add(next(check, run, results));
            }
            return results.report(settings, address, false);
        } catch (InterruptedException e) {
            results.stop();
            say.accept("smokeAuthFlow: stopped before it finished; the checks that did not run are marked not run.");
            throw new SmokeRunStopped(results.report(settings, address, true));
        }
    }

    private CheckResult next(CheckDefinition check, RunContext run, Results results) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("stopped between checks");
        }
        results.starting(check.name);
        Optional<CheckResult> skipped = unmetPrerequisite(check, results.done());
        if (skipped.isPresent()) {
            return skipped.get();
        }
        CheckResult result = new CheckRunner(run).run(check);
        return result.outcome() == Outcome.FAILED && settings.warnOnlyChecks().contains(check.name)
                ? result.as(Outcome.WARNED) : result;
    }

    /** Connects, logs in and opens the folder; a mailbox that is not ready fails here, before any request. */
    private boolean mailboxReady(Mail mail, Deadline deadline, Results results) throws InterruptedException {
        results.starting(MAILBOX_READY);
        long start = System.nanoTime();
        try {
            mail.waiter = MailWaiter.connect(settings.mailbox(), deadline, settings.pollInterval());
            results.add(new CheckResult(MAILBOX_READY, Outcome.PASSED, "connect to " + settings.mailbox().describe(),
                    null, (System.nanoTime() - start) / 1_000_000, null, mail.waiter.summary()));
            return true;
        } catch (IOException e) {
            results.add(new CheckResult(MAILBOX_READY, Outcome.FAILED, "connect to " + settings.mailbox().describe(),
                    null, (System.nanoTime() - start) / 1_000_000, e.getMessage(), null));
            return false;
        }
    }

    private static Optional<CheckResult> unmetPrerequisite(CheckDefinition check, List<CheckResult> done) {
        for (String name : check.after) {
            boolean passed = done.stream().anyMatch(r -> r.name().equals(name)
                    && (r.outcome() == Outcome.PASSED || r.outcome() == Outcome.WARNED));
            if (!passed) {
                return Optional.of(CheckResult.without(check.name, Outcome.SKIPPED,
                        "runs after '" + name + "', which did not pass"));
            }
        }
        return Optional.empty();
    }

    private List<String> warnings(RunAddress address) {
        List<String> lines = new ArrayList<>();
        if (settings.mailbox() != null) {
            lines.addAll(settings.mailbox().warnings());
        }
        if (settings.flow().needsMailbox && (settings.plusTag() == null || settings.plusTag().isEmpty())) {
            lines.add("note: " + address.address() + " has no per-run tag, so parallel runs of this address would read"
                    + " each other's emails.");
        }
        return lines;
    }

    private Map<String, String> variables(RunAddress address) {
        Map<String, String> vars = new LinkedHashMap<>(settings.flow().defaults);
        vars.putAll(settings.overrides());
        vars.put("baseUrl", settings.baseUrl());
        vars.put("email", address.address());
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

    /** The run's mailbox connection, closed (or dropped) however the run ends. */
    private static final class Mail implements AutoCloseable {
        MailWaiter waiter;

        @Override
        public void close() {
            if (waiter != null) {
                waiter.close();
            }
        }
    }
}
