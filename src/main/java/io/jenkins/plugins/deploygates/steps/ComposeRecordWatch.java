package io.jenkins.plugins.deploygates.steps;

import hudson.FilePath;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.docker.ComposeOptions;
import io.jenkins.plugins.deploygates.engine.summary.GateVerdicts;
import io.jenkins.plugins.deploygates.summary.StepVerdicts;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A failed compose step ends with an exception, not its result; the record it wrote on the agent
 * ({@code <reportDir>/<step>.json}) is what says which services ran which images and whether it rolled back.
 * Watching the record's time stamp on the agent tells this run's record from an earlier build's.
 */
final class ComposeRecordWatch {
    private final FilePath record;
    private final long before;

    private ComposeRecordWatch(FilePath record, long before) {
        this.record = record;
        this.before = before;
    }

    /** Notes the record's time stamp; a problem reading it only means a failure will not reach the summary. */
    static ComposeRecordWatch before(FilePath workspace, ComposeOptions options, String stepName) {
        if (workspace == null || options.reportDir() == null) {
            return new ComposeRecordWatch(null, 0);
        }
        try {
            FilePath record = workspace.child(options.reportDir()).child(stepName + ".json");
            return new ComposeRecordWatch(record, record.exists() ? record.lastModified() : 0);
        } catch (IOException | InterruptedException | RuntimeException e) {
            return new ComposeRecordWatch(null, 0);
        }
    }

    /** After a failure: this run's record, if it wrote one, onto the build page. */
    void addToSummary(StepContext context) {
        StepVerdicts.add(context, () -> {
            try {
                boolean written = record != null && record.exists() && record.lastModified() != before;
                return written ? GateVerdicts.compose(Json.MAPPER.readTree(record.readToString())) : null;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("could not read " + record.getRemote() + ": " + e.getMessage(), e);
            }
        });
    }
}
