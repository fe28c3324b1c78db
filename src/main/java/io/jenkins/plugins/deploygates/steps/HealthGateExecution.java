package io.jenkins.plugins.deploygates.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.health.GateRuntime;
import io.jenkins.plugins.deploygates.engine.health.HealthGate;
import io.jenkins.plugins.deploygates.engine.health.HealthGateConfig;
import io.jenkins.plugins.deploygates.engine.health.HealthGateReport;
import io.jenkins.plugins.deploygates.engine.health.HealthGateSpec;
import io.jenkins.plugins.deploygates.engine.health.Verdict;
import io.jenkins.plugins.deploygates.engine.summary.GateVerdicts;
import io.jenkins.plugins.deploygates.summary.StepVerdicts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A fully asynchronous execution: {@link #start()} schedules the gate on the shared {@link GateRuntime} and returns
 * at once; the verdict's callback completes the step. Hundreds of waiting gates therefore cost no controller
 * threads beyond the runtime's few. The spec and the start time are persisted: after a restart,
 * {@link #onResume()} runs the gate again (a health gate is safe to repeat) for the time it had left.
 */
final class HealthGateExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    static final String STEP = "healthGate";

    private final HealthGateSpec spec;
    private final boolean failOnUnhealthy;
    private final String reportDir;
    /** Wall-clock start, kept across a restart so the resumed gate waits only for what is left of its timeout. */
    private long startedAtEpochMs;
    private transient volatile HealthGate gate;
    /** Set by {@link #stop}: Jenkins already has its answer, and the stopped gate's verdict only feeds the report. */
    private transient volatile boolean stopped;

    HealthGateExecution(StepContext context, HealthGateSpec spec, boolean failOnUnhealthy, String reportDir) {
        super(context);
        this.spec = spec;
        this.failOnUnhealthy = failOnUnhealthy;
        this.reportDir = reportDir;
    }

    @Override
    public boolean start() throws Exception {
        startedAtEpochMs = System.currentTimeMillis();
        run(config());
        return false;
    }

    private HealthGateConfig config() throws Exception {
        try {
            return spec.toConfig();
        } catch (RuntimeException e) {
            throw (Exception) StepFailures.forJenkins(STEP, e);
        }
    }

    private void run(HealthGateConfig config) throws Exception {
        TaskListener listener = getContext().get(TaskListener.class);
        gate = HealthGate.start(config, GateRuntime.shared(), ProgressLog.to(listener.getLogger()), Redactor.byShape());
        gate.verdict().whenComplete((verdict, failure) -> finish(config, verdict, failure, listener));
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
        StepVerdicts.add(getContext(), () -> GateVerdicts.of(verdict));
        if (stopped) {
            return;
        }
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
        stopped = true;
        HealthGate running = gate;
        if (running != null) {
            running.stop("the build was aborted"); // the samples so far still reach the report, on the gate's thread
        }
        getContext().onFailure(cause);
    }

    @Override
    public void onResume() {
        try {
            HealthGateConfig full = config();
            Duration elapsed = Duration.ofMillis(Math.max(0, System.currentTimeMillis() - startedAtEpochMs));
            HealthGateConfig resumed = full.resumedAfter(elapsed);
            getContext().get(TaskListener.class).getLogger().println("[healthGate] Jenkins restarted while the gate"
                    + " was running (" + Durations.format(toSeconds(elapsed)) + " after it started): it resumes with "
                    + Durations.format(toSeconds(resumed.timeoutLeft())) + " left of its "
                    + Durations.format(full.timeout()) + " timeout, and probes at least once.");
            run(resumed);
        } catch (Exception e) {
            getContext().onFailure(e);
        }
    }

    /** Whole seconds above one second: a console line reads "2m52s", not "172877ms". */
    private static Duration toSeconds(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? d : Duration.ofSeconds(d.getSeconds());
    }

    @Override
    public String getStatus() {
        // Shown in Jenkins' UI: a URL may carry a ?token= query.
        return Redactor.byShape().redact("healthGate waiting for " + String.join(", ", spec.urls()));
    }
}
