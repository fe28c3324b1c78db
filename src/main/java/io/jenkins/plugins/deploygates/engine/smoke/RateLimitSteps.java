package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.smoke.CheckRunner.StepFailed;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The two rate-limit checks: "rate limit present" sends quickly until the limit status comes (a limit exists);
 * "Retry-After honoured" waits the Retry-After that answer gave and expects the next request to be let through
 * (the header is accurate). Both waits count against the run's timeout.
 */
record RateLimitSteps(RunContext run, CheckRunner check) {
    void repeatUntil(StepDefinition step) throws IOException, InterruptedException {
        int times = Integer.parseInt(check.render(step.repeat).trim());
        StatusExpectation until = StatusExpectation.parse(check.render(step.until));
        for (int i = 1; i <= times; i++) {
            HttpExchange exchange = check.send(step, check.render(step.url));
            if (until.matches(exchange.status)) {
                run.state().limited(exchange);
                String retryAfter = exchange.header("Retry-After");
                check.saw(exchange.status + " on request " + i + " of " + times
                        + (retryAfter == null ? " (no Retry-After)" : " (Retry-After: " + retryAfter + ")"));
                if (step.honourRetryAfter) {
                    waitRetryAfter(step, check.render(step.afterRetry));
                }
                return;
            }
        }
        throw new StepFailed(times + " quick requests (" + check.request() + ") never answered " + until
                + "; the last answered " + check.status());
    }

    /** Waits the Retry-After of the last rate-limited answer, then sends and expects {@code expected}. */
    void waitRetryAfter(StepDefinition step, String expected) throws IOException, InterruptedException {
        HttpExchange limited = run.state().limited();
        if (limited == null) {
            throw new StepFailed("no rate-limited answer came earlier in this run to take a Retry-After from");
        }
        Duration wait = RetryAfter.parse(limited.header("Retry-After"), Instant.now())
                .orElseThrow(() -> new StepFailed(limited.request() + " answered " + limited.status
                        + " without a usable Retry-After header"));
        if (wait.compareTo(run.maxRetryAfter()) > 0) {
            throw new StepFailed("Retry-After asks for " + Durations.format(wait) + ", longer than the "
                    + Durations.format(run.maxRetryAfter()) + " the check waits: raise maxRetryAfter to check it is honoured");
        }
        Duration left = run.deadline().remaining();
        if (wait.compareTo(left) >= 0) { // the run cannot tell, which is no finding about the service
            throw new CheckRunner.NotRun("Retry-After asks for " + Durations.format(wait) + " but the run's timeout of "
                    + Durations.format(run.deadline().total()) + " leaves " + Durations.format(left)
                    + ": raise timeout to check it is honoured");
        }
        run.sleeper().sleep(wait);
        HttpExchange again = check.send(step, check.render(step.url));
        check.saw("waited the Retry-After of " + Durations.format(wait) + ", then " + again.status);
        if (!StatusExpectation.parse(expected).matches(again.status)) {
            throw new StepFailed("after waiting the Retry-After of " + Durations.format(wait) + ", "
                    + again.request() + " answered " + again.status + ", expected " + expected);
        }
    }
}
