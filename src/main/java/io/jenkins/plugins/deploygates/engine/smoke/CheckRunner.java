package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.BodyCap;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.smoke.CheckResult.Outcome;
import io.jenkins.plugins.deploygates.engine.smoke.Extractor.ExtractionFailed;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one check's steps in order and turns the first unmet expectation into the check's failure reason.
 * The result holds raw text; {@link SmokeAuthFlow} redacts it once every secret of the run is known.
 */
final class CheckRunner {
    private final RunContext run;
    private String request;
    private Integer status;
    private long latency;
    private final List<String> saw = new ArrayList<>();
    private boolean followedEmailedLink;
    /** Whether this check asked anything of the service yet (a check that did not is "not run" at the deadline). */
    private boolean sent;

    CheckRunner(RunContext run) {
        this.run = run;
    }

    CheckResult run(CheckDefinition check) throws InterruptedException {
        try {
            if (run.deadline().expired()) {
                return tooLate(check);
            }
            for (StepDefinition step : check.steps) {
                runStep(step);
            }
            return result(check, Outcome.PASSED, null);
        } catch (StepFailed | ExtractionFailed e) {
            return failed(check, e.getMessage());
        } catch (NotRun e) {
            return result(check, Outcome.NOT_RUN, e.getMessage());
        } catch (BodyCap.Exceeded e) { // the mailbox's answer, or the email's text
            return failed(check, e.getMessage());
        } catch (HttpCaller.TooLate e) {
            return sent ? failed(check, e.getMessage()) : tooLate(check);
        } catch (IOException e) {
            return failed(check, "no answer: " + e.getMessage());
        } catch (Template.MissingVariableException e) {
            return result(check, Outcome.SKIPPED, run.state().whyMissing(e.variable()));
        }
    }

    /**
     * The run's timeout ran out before this check began: it did not run, unless it could not have run anyway (it
     * needs a value no earlier check obtained), which a skip says better.
     */
    private CheckResult tooLate(CheckDefinition check) {
        StepDefinition first = check.steps.get(0);
        render(first.url);
        render(first.body);
        first.headers.forEach((name, value) -> render(name + value));
        return result(check, Outcome.NOT_RUN, "the run's timeout of " + Durations.format(run.deadline().total())
                + " ran out before this check: raise timeout");
    }

    /** A failed sign-in also says what the mailbox showed (another run may have used the link). */
    private CheckResult failed(CheckDefinition check, String reason) {
        String note = followedEmailedLink ? run.state().mailNote() : null;
        return result(check, Outcome.FAILED, note == null ? reason : reason + "; " + note);
    }

    private CheckResult result(CheckDefinition check, Outcome outcome, String reason) {
        boolean onlyTheStatus = saw.isEmpty() || saw.equals(List.of(String.valueOf(status)));
        return new CheckResult(check.name, outcome, request, status, latency, reason,
                onlyTheStatus ? null : String.join(", then ", saw));
    }

    private void runStep(StepDefinition step) throws IOException, InterruptedException {
        if (step.waitForEmail) {
            new EmailStep(run, this).run(step);
        } else if (step.waitRetryAfter) {
            new RateLimitSteps(run, this).waitRetryAfter(step, render(step.expect));
        } else if (step.isRepeated()) {
            new RateLimitSteps(run, this).repeatUntil(step);
        } else if (step.emailedLink != null) {
            followEmailedLink(step);
        } else {
            HttpExchange exchange = send(step, render(step.url));
            expect(exchange, render(step.expect));
            extractFrom(step, exchange);
            saw(String.valueOf(exchange.status));
        }
    }

    /** The emailed link, through its click-tracking hops to the app, which the step's request then signs in at. */
    private void followEmailedLink(StepDefinition step) throws IOException, InterruptedException {
        followedEmailedLink = true;
        LinkFollower.Followed followed = new LinkFollower(run.links(), run.http(), run.deadline(), run.log())
                .follow(render(step.url));
        keepSignInUrl(step.emailedLink, followed.url());
        if (!followed.hops().isEmpty()) {
            saw(followed.hops().size() + " click-tracking hop(s): " + String.join(", ", followed.hops()));
        }
        HttpExchange exchange = followed.answer() != null ? took(followed.answer()) : send(step, followed.url());
        expect(exchange, render(step.expect));
        extractFrom(step, exchange);
        saw(String.valueOf(exchange.status));
    }

    /** Splits the app's sign-in URL by the token pattern; without a match the whole URL is the secret. */
    private void keepSignInUrl(EmailedLink link, String url) {
        Extraction x = link.extraction(this::render);
        try {
            keep(x, Extractor.fromText(x, url, "sign-in URL"));
        } catch (ExtractionFailed e) {
            run.state().remember(url);
            run.state().missing(link.var, "the sign-in URL the emailed link led to has nothing matching the token"
                    + " pattern (tokenPattern)");
        }
    }

    private HttpExchange took(HttpExchange answer) {
        sent = true;
        request = answer.request();
        status = answer.status;
        latency += answer.latencyMillis;
        return answer;
    }

    HttpExchange send(StepDefinition step, String url) throws IOException, InterruptedException {
        String method = render(step.method).trim().toUpperCase(Locale.ROOT);
        Map<String, String> headers = new LinkedHashMap<>();
        step.headers.forEach((name, value) -> headers.put(render(name), render(value)));
        String body = render(step.body);
        request = method + " " + url;
        run.state().requestSent(Instant.now());
        return took(run.http().send(method, url, headers, body, run.deadline())).whole();
    }

    void expect(HttpExchange exchange, String expected) {
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

    /**
     * Remembers the secret values so every later line masks them; a session's header name is not secret. When a
     * flow marks only some groups secret but a pattern has no such group, the whole value is the secret.
     */
    void keep(Extraction x, Map<String, String> found) {
        if (x.secret && "session".equals(x.from)) {
            run.state().put(found, false);
            run.state().remember(found.get(x.var + "Value"));
            run.state().remember(found.get(x.var + "Token"));
        } else if (x.secret && !x.secretGroups.isEmpty()) {
            run.state().put(found, false);
            boolean any = false;
            for (int g : x.secretGroups) {
                String value = found.get(x.var + "." + g);
                any |= value != null && !value.isEmpty();
                run.state().remember(value);
            }
            if (!any) {
                run.state().remember(found.get(x.var));
            }
        } else {
            run.state().put(found, x.secret);
        }
    }

    String render(String template) {
        return Template.render(template, run.state().variables(), run.state()::remember);
    }

    /** Something the check saw on its way, for the report (the status of each step, a hop, a wait). */
    void saw(String what) {
        saw.add(what);
    }

    void request(String what) {
        request = what;
    }

    String request() {
        return request;
    }

    Integer status() {
        return status;
    }

    void latency(long millis) {
        latency = millis;
    }

    private static String bodyNote(HttpExchange exchange) {
        String snippet = exchange.bodySnippet();
        return snippet.isEmpty() ? "" : " (body: " + snippet + ")";
    }

    /** The run's own bounds keep the check from saying anything; the message says which and what to raise. */
    static final class NotRun extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotRun(String message) {
            super(message);
        }
    }

    /** An expectation of the check was not met; the message is the check's failure reason. */
    static final class StepFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepFailed(String message) {
            super(message);
        }
    }
}
