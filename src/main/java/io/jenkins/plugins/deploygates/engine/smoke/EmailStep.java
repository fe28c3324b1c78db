package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.smoke.CheckRunner.StepFailed;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailMessage;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailWait;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits for the newest email to the run's address that arrived after the last request, through the run's one
 * mailbox connection, and extracts from it. What it saw of other runs' mail goes into the verdicts: no email for
 * this run while others got theirs, or several emails to this very address (another run shares it).
 */
record EmailStep(RunContext run, CheckRunner check) {
    void run(StepDefinition step) throws IOException, InterruptedException {
        String to = run.address().address();
        check.request("newest email to " + to + " in " + run.mail().mailbox().describe());
        Instant requestedAt = run.state().lastRequestAt();
        MailWait wait;
        try {
            wait = run.mail().newestTo(to, run.address()::isOtherRun, requestedAt);
        } finally {
            // also when the mailbox failed: the report then shows how long it was waited for
            check.latency(Duration.between(requestedAt, Instant.now()).toMillis());
        }
        Duration waited = Duration.between(requestedAt, Instant.now());
        MailMessage found = wait.message().orElseThrow(() -> new StepFailed("no email to " + to + " arrived within "
                + Durations.format(waited) + " of the request, when the run's timeout of "
                + Durations.format(run.deadline().total()) + " ran out" + othersNote(wait)));
        if (wait.toAddress() > 1) {
            run.state().mailNote(wait.toAddress() + " emails to " + to + " arrived after the request and the newest"
                    + " was used: another run may be using the same address (give each run its own plus tag)");
        }
        check.saw("an email to " + to + " after " + Durations.format(waited)
                + (wait.toAddress() > 1 ? " (" + wait.toAddress() + " to this address)" : "")
                + (wait.otherRuns().isEmpty() ? "" : "; mail for other runs too: " + String.join(", ", wait.otherRuns())));
        for (Extraction x : step.extract) {
            check.keep(x, Extractor.fromEmail(x.rendered(check::render), found.text()));
        }
    }

    private static String othersNote(MailWait wait) {
        return wait.otherRuns().isEmpty() ? "" : "; meanwhile mail for other runs of this mailbox arrived ("
                + String.join(", ", wait.otherRuns()) + "), so the mailbox works and nothing came for this run's address";
    }
}
