package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.smoke.CheckResult.Outcome;
import io.jenkins.plugins.deploygates.engine.smoke.Extractor.ExtractionFailed;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailMessage;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailWaiter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one check's steps in order and turns the first unmet expectation into the check's failure reason.
 * The result holds raw text; {@link SmokeAuthFlow} redacts it once every secret of the run is known.
 */
final class CheckRunner {
    private final RunState state;
    private final HttpCaller http;
    private final MailWaiter mail;
    private final Sleeper sleeper;
    private final Duration mailTimeout;
    private final Duration maxRetryAfter;
    private String request;
    private Integer status;
    private long latency;

    CheckRunner(RunState state, HttpCaller http, MailWaiter mail, Sleeper sleeper, Duration mailTimeout,
            Duration maxRetryAfter) {
        this.state = state;
        this.http = http;
        this.mail = mail;
        this.sleeper = sleeper;
        this.mailTimeout = mailTimeout;
        this.maxRetryAfter = maxRetryAfter;
    }

    CheckResult run(CheckDefinition check) throws InterruptedException {
        try {
            for (StepDefinition step : check.steps) {
                runStep(step);
            }
            return result(check, Outcome.PASSED, null);
        } catch (StepFailed | ExtractionFailed e) {
            return result(check, Outcome.FAILED, e.getMessage());
        } catch (IOException e) {
            return result(check, Outcome.FAILED, "no answer: " + e.getMessage());
        } catch (Template.MissingVariableException e) {
            return result(check, Outcome.SKIPPED, "needs {{" + e.variable() + "}}, which no earlier check obtained");
        }
    }

    private CheckResult result(CheckDefinition check, Outcome outcome, String reason) {
        return new CheckResult(check.name, outcome, request, status, latency, reason);
    }

    private void runStep(StepDefinition step) throws IOException, InterruptedException {
        if (step.waitForEmail) {
            waitForEmail(step);
        } else if (step.isRepeated()) {
            repeatUntil(step);
        } else {
            HttpExchange exchange = send(step);
            expect(exchange, render(step.expect));
            extractFrom(step, exchange);
        }
    }

    private HttpExchange send(StepDefinition step) throws IOException {
        String method = render(step.method).trim().toUpperCase(java.util.Locale.ROOT);
        String url = render(step.url);
        Map<String, String> headers = new LinkedHashMap<>();
        step.headers.forEach((name, value) -> headers.put(render(name), render(value)));
        String body = render(step.body);
        request = method + " " + url;
        state.requestSent(Instant.now());
        HttpExchange exchange = http.send(method, url, headers, body);
        status = exchange.status;
        latency += exchange.latencyMillis;
        return exchange;
    }

    private void expect(HttpExchange exchange, String expected) {
        if (!StatusExpectation.parse(expected).matches(exchange.status)) {
            throw new StepFailed(exchange.request() + " answered " + exchange.status + ", expected " + expected
                    + bodyNote(exchange));
        }
    }

    private void extractFrom(StepDefinition step, HttpExchange exchange) {
        for (Extraction x : step.extract) {
            keep(x, Extractor.fromResponse(x.rendered(this::render), exchange));
        }
    }

    /** Remembers the secret values so every later line masks them; a session's header name is not secret. */
    private void keep(Extraction x, Map<String, String> found) {
        if (x.secret && "session".equals(x.from)) {
            state.put(found, false);
            state.remember(found.get(x.var + "Value"));
            state.remember(found.get(x.var + "Token"));
        } else if (x.secret && !x.secretGroups.isEmpty()) {
            state.put(found, false);
            x.secretGroups.forEach(g -> state.remember(found.get(x.var + "." + g)));
        } else {
            state.put(found, x.secret);
        }
    }

    private void waitForEmail(StepDefinition step) throws IOException, InterruptedException {
        String to = state.variables().get("email");
        request = "newest email to " + to + " in " + mail.mailbox().describe();
        Instant requestedAt = state.lastRequestAt();
        Optional<MailMessage> message;
        try {
            message = mail.newestTo(to, requestedAt);
        } finally {
            // also when the mailbox failed: the report then shows how long it was waited for
            latency = Duration.between(requestedAt, Instant.now()).toMillis();
        }
        MailMessage found = message.orElseThrow(() -> new StepFailed("no email to " + to + " arrived within "
                + Durations.format(mailTimeout) + " of the request"));
        for (Extraction x : step.extract) {
            keep(x, Extractor.fromEmail(x.rendered(this::render), found.text()));
        }
    }

    /** Sends quickly until the status {@code until} comes; then, if asked, honours its Retry-After. */
    private void repeatUntil(StepDefinition step) throws IOException, InterruptedException {
        int times = Integer.parseInt(render(step.repeat).trim());
        StatusExpectation until = StatusExpectation.parse(render(step.until));
        for (int i = 1; i <= times; i++) {
            HttpExchange exchange = send(step);
            if (until.matches(exchange.status)) {
                if (step.honourRetryAfter) {
                    retryAfter(step, exchange);
                }
                return;
            }
        }
        throw new StepFailed(times + " quick requests (" + request + ") never answered " + until
                + "; the last answered " + status);
    }

    private void retryAfter(StepDefinition step, HttpExchange limited) throws IOException, InterruptedException {
        Duration wait = RetryAfter.parse(limited.header("Retry-After"), Instant.now())
                .orElseThrow(() -> new StepFailed(limited.request() + " answered " + limited.status
                        + " without a usable Retry-After header"));
        if (wait.compareTo(maxRetryAfter) > 0) {
            throw new StepFailed("Retry-After asks for " + Durations.format(wait) + ", longer than the "
                    + Durations.format(maxRetryAfter) + " the check waits: raise maxRetryAfter to check it is honoured");
        }
        sleeper.sleep(wait);
        HttpExchange again = send(step);
        String expected = render(step.afterRetry);
        if (!StatusExpectation.parse(expected).matches(again.status)) {
            throw new StepFailed("after waiting the Retry-After of " + Durations.format(wait) + ", "
                    + again.request() + " answered " + again.status + ", expected " + expected);
        }
    }

    private String render(String template) {
        return Template.render(template, state.variables(), state::remember);
    }

    private static String bodyNote(HttpExchange exchange) {
        String snippet = exchange.bodySnippet();
        return snippet.isEmpty() ? "" : " (body: " + snippet + ")";
    }

    /** An expectation of the check was not met; the message is the check's failure reason. */
    static final class StepFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepFailed(String message) {
            super(message);
        }
    }
}
