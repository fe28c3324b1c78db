package io.jenkins.plugins.deploygates.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.jenkins.plugins.deploygates.engine.docker.ComposeOptions;
import io.jenkins.plugins.deploygates.engine.summary.GateVerdicts;
import io.jenkins.plugins.deploygates.summary.StepVerdicts;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The execution of dockerRebuild and dockerRollback: one long call on the agent ({@link ComposeCallable}). An abort
 * asks the agent's side to stop, so the docker command is killed and the record written before the build ends.
 */
final class ComposeExecution extends BackgroundExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    private final String stepName;
    private final boolean rollbackOnly;
    private final String workId = UUID.randomUUID().toString();
    private final String reportDir;
    private final transient Supplier<ComposeOptions> options;
    private transient volatile FilePath workspace;

    ComposeExecution(StepContext context, String stepName, boolean rollbackOnly, String reportDir,
            Supplier<ComposeOptions> options) {
        super(context);
        this.stepName = stepName;
        this.rollbackOnly = rollbackOnly;
        this.reportDir = reportDir;
        this.options = options;
    }

    /** User mistakes and failed verdicts (a bad option included) end the build with one line. */
    @Override
    protected Map<String, Object> run() throws Exception {
        try {
            workspace = getContext().get(FilePath.class);
            EnvVars environment = getContext().get(EnvVars.class);
            ComposeOptions validated = options.get().validate();
            ComposeRecordWatch record = ComposeRecordWatch.before(workspace, validated, stepName);
            try {
                Map<String, Object> result = workspace.act(new ComposeCallable(workId, rollbackOnly, validated,
                        environment == null ? Map.of() : environment, getContext().get(TaskListener.class)));
                StepVerdicts.add(getContext(), () -> GateVerdicts.ofCompose(result));
                return result;
            } catch (IOException | InterruptedException | RuntimeException failed) {
                record.addToSummary(getContext());
                throw failed;
            }
        } catch (RuntimeException e) {
            Throwable mapped = StepFailures.forJenkins(stepName, e);
            throw mapped instanceof Exception ex ? ex : e;
        }
    }

    @Override
    protected void stopWork(Future<?> running) {
        FilePath where = workspace;
        if (where == null || where.getChannel() == null) {
            running.cancel(true);
            return;
        }
        // A remote call, so not on the thread that asked for the stop.
        pool().submit(() -> {
            try {
                if (!where.getChannel().call(new AgentWork.Stop(workId))) {
                    running.cancel(true);
                }
            } catch (Exception | LinkageError agentGone) {
                running.cancel(true);
            }
        });
    }

    @Override
    protected String afterRestart() {
        return stepName + ": a Jenkins restart cut off the compose " + (rollbackOnly ? "rollback" : "rebuild")
                + " on the agent, so its verdict is unknown: the containers may be half recreated. The images that"
                + " ran before stay tagged <image>:deploy-gates-previous-<project>-<service>, and the record in "
                + (reportDir == null ? "the report folder" : reportDir) + " says how far it got: run dockerRollback"
                + " to put the previous images back, or " + stepName + " again.";
    }
}
