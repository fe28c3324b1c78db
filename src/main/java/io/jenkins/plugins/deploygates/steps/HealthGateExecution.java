package io.jenkins.plugins.deploygates.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.health.GateRuntime;
import io.jenkins.plugins.deploygates.engine.health.HealthGate;
import io.jenkins.plugins.deploygates.engine.health.HealthGateConfig;
import io.jenkins.plugins.deploygates.engine.health.HealthGateReport;
import io.jenkins.plugins.deploygates.engine.health.HealthGateSpec;
import io.jenkins.plugins.deploygates.engine.health.Verdict;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A fully asynchronous execution: {@link #start()} schedules the gate on the shared {@link GateRuntime} and returns
 * at once; the verdict's callback completes the step. Hundreds of waiting gates therefore cost no controller
 * threads beyond the runtime's few. Only the spec is persisted: after a restart, {@link #onResume()} runs the gate
 * again from the start (a health gate is safe to repeat).
 */
final class HealthGateExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    static final String STEP = "healthGate";

    private final HealthGateSpec spec;
    private final boolean failOnUnhealthy;
    private final String reportDir;
    private transient volatile HealthGate gate;

    HealthGateExecution(StepContext context, HealthGateSpec spec, boolean failOnUnhealthy, String reportDir) {
        super(context);
        this.spec = spec;
        this.failOnUnhealthy = failOnUnhealthy;
        this.reportDir = reportDir;
    }

    @Override
    public boolean start() throws Exception {
        TaskListener listener = getContext().get(TaskListener.class);
        HealthGateConfig config;
        try {
            config = spec.toConfig();
        } catch (RuntimeException e) {
            throw (Exception) StepFailures.forJenkins(STEP, e);
        }
        gate = HealthGate.start(config, GateRuntime.shared(), ProgressLog.to(listener.getLogger()), Redactor.byShape());
        gate.verdict().whenComplete((verdict, failure) -> finish(config, verdict, failure, listener));
        return false;
    }

    private void finish(HealthGateConfig config, Verdict verdict, Throwable failure, TaskListener listener) {
        if (failure instanceof CancellationException || failure != null && failure.getCause() instanceof CancellationException) {
            return; // stop() has already told Jenkins why
        }
        if (failure != null) {
            getContext().onFailure(failure);
            return;
        }
        writeReport(config, verdict, listener);
        if (!verdict.isHealthy() && failOnUnhealthy) {
            getContext().onFailure(new AbortException(STEP + ": " + verdict.getReason()));
        } else {
            getContext().onSuccess(verdict.toMap());
        }
    }

    private void writeReport(HealthGateConfig config, Verdict verdict, TaskListener listener) {
        if (reportDir == null) {
            return;
        }
        try {
            FilePath workspace = getContext().get(FilePath.class);
            if (workspace == null) {
                listener.getLogger().println("[healthGate] reportDir ignored: the gate ran outside a node block,"
                        + " so there is no workspace to write into.");
                return;
            }
            List<String> written = workspace.act(new WriteReportFiles(reportDir, HealthGateReport.render(config, verdict)));
            listener.getLogger().println("[healthGate] report: " + String.join(", ", written));
        } catch (Exception e) {
            // The verdict matters more than its report: say so and go on.
            listener.getLogger().println(Redactor.byShape().redact("[healthGate] could not write the report to "
                    + reportDir + ": " + e.getMessage()));
        }
    }

    @Override
    public void stop(Throwable cause) {
        HealthGate running = gate;
        if (running != null) {
            running.cancel();
        }
        getContext().onFailure(cause);
    }

    @Override
    public void onResume() {
        try {
            getContext().get(TaskListener.class).getLogger()
                    .println("[healthGate] Jenkins restarted while the gate was running: starting it again.");
            start();
        } catch (Exception e) {
            getContext().onFailure(e);
        }
    }

    @Override
    public String getStatus() {
        // Shown in Jenkins' UI: a URL may carry a ?token= query.
        return Redactor.byShape().redact("healthGate waiting for " + String.join(", ", spec.urls()));
    }
}
