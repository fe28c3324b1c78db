package io.jenkins.plugins.deploygates.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.health.HealthGate;
import io.jenkins.plugins.deploygates.engine.health.HealthGateConfig;
import io.jenkins.plugins.deploygates.engine.health.HealthGateReport;
import io.jenkins.plugins.deploygates.engine.health.HealthGateSpec;
import io.jenkins.plugins.deploygates.engine.health.Verdict;
import io.jenkins.plugins.deploygates.engine.summary.GateVerdicts;
import io.jenkins.plugins.deploygates.summary.StepVerdicts;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A fully asynchronous execution: {@link #start()} starts the gate and returns at once; the verdict completes the
 * step. Outside {@code node} (and on the built-in node) the gate waits on the controller's shared runtime
 * ({@link ControllerGates}), so hundreds of waiting gates cost the controller its few threads. Inside {@code node} on
 * an agent it runs on that agent
 * ({@link AgentHealthGate}), probing from the network the deploy sees and writing its report there; the controller
 * waits for the answer without a thread ({@link RemoteResult}).
 *
 * <p>The spec and the start time are persisted: after a restart, {@link #onResume()} runs the gate again (a health
 * gate is safe to repeat) for the time it had left. An abort stops the gate, which still reports the samples so far;
 * the step ends once that report is written, or after {@link BackgroundExecution#STOP_GRACE}.
 */
final class HealthGateExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    static final String STEP = "healthGate";

    private final HealthGateSpec spec;
    /** Header name to Secret text credential id: ids only, as this execution is written to disk in clear. */
    private final ArrayList<String> credentialHeaders;
    private final boolean failOnUnhealthy;
    private final String reportDir;
    private final String workId = UUID.randomUUID().toString();
    /** Wall-clock start, kept across a restart so the resumed gate waits only for what is left of its timeout. */
    private long startedAtEpochMs;
    private transient volatile HealthGate controllerGate;
    private transient volatile FilePath agentWorkspace;
    private transient volatile Throwable stopCause;
    private transient volatile CompleteOnce completion;

    HealthGateExecution(StepContext context, HealthGateSpec spec, List<String> credentialHeaders,
            boolean failOnUnhealthy, String reportDir) {
        super(context);
        this.spec = spec;
        this.credentialHeaders = new ArrayList<>(credentialHeaders);
        this.failOnUnhealthy = failOnUnhealthy;
        this.reportDir = reportDir;
    }

    @Override
    public boolean start() throws Exception {
        startedAtEpochMs = System.currentTimeMillis();
        Map<String, String> secretHeaders = secretHeaders();
        warnAboutHeadersInClear();
        launch(config(secretHeaders), secretHeaders, null);
        return false;
    }

    /** The credentialHeaders' values, looked up each time the gate starts or resumes, never kept. */
    private Map<String, String> secretHeaders() throws Exception {
        try {
            return CredentialHeaders.values(CredentialHeaders.parse(credentialHeaders), getContext().get(Run.class));
        } catch (RuntimeException e) {
            throw (Exception) StepFailures.forJenkins(STEP, e);
        }
    }

    /** The gate's configuration, checked before anything is probed: a mistake is one line. */
    private HealthGateConfig config(Map<String, String> secretHeaders) throws Exception {
        try {
            return spec.toConfig(secretHeaders);
        } catch (RuntimeException e) {
            throw (Exception) StepFailures.forJenkins(STEP, e);
        }
    }

    private void warnAboutHeadersInClear() throws Exception {
        for (String name : spec.secretLookingHeaderNames()) {
            getContext().get(TaskListener.class).getLogger().println("[healthGate] the header '" + name + "' looks"
                    + " like a credential: a value given in headers is kept in clear with the build's program state;"
                    + " give it as credentialHeaders: ['" + name + "=<Secret text credential id>'] instead.");
        }
    }

    private void launch(HealthGateConfig config, Map<String, String> secretHeaders, Duration resumedAfter)
            throws Exception {
        TaskListener listener = getContext().get(TaskListener.class);
        FilePath workspace = getContext().get(FilePath.class);
        CompletableFuture<GateOutcome> outcome;
        if (workspace == null || !workspace.isRemote()) {
            listener.getLogger().println("[healthGate] probing from the Jenkins controller");
            if (workspace == null && reportDir != null) {
                listener.getLogger().println("[healthGate] reportDir ignored: the gate ran outside a node block,"
                        + " so there is no workspace to write into.");
            }
            HealthGate gate = HealthGate.start(config, ControllerGates.runtime(), ProgressLog.to(listener.getLogger()),
                    Redactor.byShape());
            controllerGate = gate;
            outcome = gate.verdict().thenApplyAsync(verdict -> new GateOutcome(verdict,
                    writeReport(workspace, config, verdict)), BackgroundExecution.pool());
        } else {
            Computer agent = getContext().get(Computer.class);
            listener.getLogger().println("[healthGate] probing from agent " + (agent == null ? "?" : agent.getName()));
            agentWorkspace = workspace;
            outcome = RemoteResult.of(workspace.actAsync(
                    new AgentHealthGate(workId, spec, secretHeaders, resumedAfter, reportDir, listener)));
        }
        // Off the gates' scheduler threads: completing the step may block (console, program state).
        outcome.whenCompleteAsync((done, failure) -> finish(done, failure, listener), BackgroundExecution.pool());
    }

    /** The report of a gate that ran on the controller inside a node block on the built-in node. */
    private List<String> writeReport(FilePath workspace, HealthGateConfig config, Verdict verdict) {
        if (workspace == null || reportDir == null) {
            return List.of();
        }
        try {
            return workspace.act(new WriteReportFiles(reportDir, HealthGateReport.render(config, verdict)));
        } catch (IOException | InterruptedException e) {
            throw new CompletionException(e);
        }
    }

    private void finish(GateOutcome outcome, Throwable failure, TaskListener listener) {
        if (outcome != null) {
            StepVerdicts.add(getContext(), () -> GateVerdicts.health(outcome.targets, outcome.result()));
        }
        Throwable stopped = stopCause;
        if (stopped != null) {
            completion().fail(stopped); // the gate stopped because the build was aborted: its report is written
        } else if (failure != null) {
            completion().fail(StepFailures.forJenkins(STEP,
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure));
        } else {
            if (!outcome.reportFiles.isEmpty()) {
                listener.getLogger().println("[healthGate] report: " + String.join(", ", outcome.reportFiles));
            }
            if (!outcome.healthy && failOnUnhealthy) {
                completion().fail(new AbortException(STEP + ": " + outcome.reason));
            } else {
                completion().succeed(outcome.result());
            }
        }
    }

    @Override
    public void stop(Throwable cause) {
        stopCause = cause;
        HealthGate gate = controllerGate;
        FilePath workspace = agentWorkspace;
        if (gate != null) {
            gate.stop("the build was aborted"); // the samples so far still reach the verdict
        } else if (workspace != null && workspace.getChannel() != null) {
            BackgroundExecution.pool().submit(() -> workspace.getChannel().call(new AgentWork.Stop(workId)));
        } else {
            completion().fail(cause);
            return;
        }
        Timer.get().schedule(() -> completion().fail(cause), BackgroundExecution.STOP_GRACE.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void onResume() {
        try {
            Map<String, String> secretHeaders = secretHeaders();
            HealthGateConfig full = config(secretHeaders);
            Duration elapsed = Duration.ofMillis(Math.max(0, System.currentTimeMillis() - startedAtEpochMs));
            HealthGateConfig resumed = full.resumedAfter(elapsed);
            getContext().get(TaskListener.class).getLogger().println("[healthGate] Jenkins restarted while the gate"
                    + " was running (" + Durations.format(toSeconds(elapsed)) + " after it started): it resumes with "
                    + Durations.format(toSeconds(resumed.timeoutLeft())) + " left of its "
                    + Durations.format(full.timeout()) + " timeout, and probes at least once.");
            launch(resumed, secretHeaders, elapsed);
        } catch (Exception e) {
            completion().fail(e);
        }
    }

    /** Whole seconds above one second: a console line reads "2m52s", not "172877ms". */
    private static Duration toSeconds(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? d : Duration.ofSeconds(d.getSeconds());
    }

    @Override
    public String getStatus() {
        // Shown in Jenkins' UI: a URL may carry a ?token= query.
        return Redactor.byShape().redact("healthGate waiting for " + String.join(", ", spec.urls())
                + (agentWorkspace != null ? " from the agent" : " from the controller"));
    }

    /** Created on first use: after a restart this execution is read back from disk without it. */
    private synchronized CompleteOnce completion() {
        if (completion == null) {
            completion = new CompleteOnce(getContext());
        }
        return completion;
    }
}
