package io.jenkins.plugins.deploygates.steps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord;
import io.jenkins.plugins.deploygates.engine.railway.RailwayConnection;
import io.jenkins.plugins.deploygates.engine.railway.RailwayToken;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** What railwayUp and railwayRollback share: durations, the record file, errors and form checks. */
final class RailwayStepSupport {
    private RailwayStepSupport() {}

    /** The token from the step's credential, or from RAILWAY_TOKEN / RAILWAY_API_TOKEN in the build environment. */
    static RailwayToken token(StepContext context, String credentialsId, String tokenKind)
            throws IOException, InterruptedException {
        return RailwayCredentials.token(credentialsId, tokenKind, context.get(Run.class), context.get(EnvVars.class));
    }

    /** A client whose log lines go to the build's console and whose requests go through Jenkins' proxy. */
    static RailwayConnection connect(String apiUrl, RailwayToken token, TaskListener listener) {
        return RailwayConnection.open(apiUrl, token, ProgressLog.to(listener.getLogger()), Redactor.byShape(),
                JenkinsHttp.client(), JenkinsHttp.webSockets());
    }

    /**
     * Writes the record into the workspace, so a failed deploy still leaves its ids and statuses behind. With no
     * listener it writes quietly (the early record, rewritten at the end).
     */
    static void writeRecord(FilePath workspace, String reportDir, String fileName, DeploymentRecord record,
            TaskListener listener) throws InterruptedException {
        if (workspace == null || reportDir == null) {
            return;
        }
        try {
            byte[] json = Json.MAPPER.writeValueAsBytes(record);
            List<String> written = workspace.act(new WriteReportFiles(reportDir, Map.of(fileName, json)));
            if (listener != null) {
                written.forEach(p -> listener.getLogger().println("[railway] record: " + p));
            }
        } catch (IOException e) {
            if (listener == null) {
                return; // the final write reports the problem
            }
            listener.getLogger().println(Redactor.byShape().redact("[railway] could not write the record to "
                    + reportDir + ": " + e.getMessage()));
        }
    }

    /** User mistakes and failed verdicts end the build with one line; anything else stays a bug. */
    static Exception forJenkins(String step, RuntimeException e) {
        if (e instanceof ConfigurationException || e instanceof GateFailedException) {
            return (AbortException) StepFailures.forJenkins(step, e);
        }
        return e;
    }

    static FormValidation form(Runnable check) {
        String error = StepFailures.check(check);
        return error == null ? FormValidation.ok() : FormValidation.error(error);
    }

    static FormValidation durationForm(String parameter, String value) {
        return value == null || value.isBlank() ? FormValidation.ok() : form(() -> Durations.parse(parameter, value));
    }
}
