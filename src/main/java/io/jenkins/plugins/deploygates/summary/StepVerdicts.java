package io.jenkins.plugins.deploygates.summary;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.summary.GateVerdict;
import java.util.function.Supplier;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * How a step adds its verdict to the build page as it finishes, so a Jenkinsfile that never renders the report
 * still shows what its gates decided. The summary is a view: a problem building it is one console line, never
 * a change to the step's own outcome.
 */
public final class StepVerdicts {
    private StepVerdicts() {}

    /** @param verdict the step's verdict, or null when it reached none (nothing is added then) */
    public static void add(StepContext context, Supplier<GateVerdict> verdict) {
        try {
            Run<?, ?> run = context.get(Run.class);
            GateVerdict gate = run == null ? null : verdict.get();
            if (gate != null) {
                DeployGatesSummaryAction.add(run, gate);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the step is being stopped: its own handling goes on
        } catch (Exception | LinkageError e) {
            log(context, e);
        }
    }

    private static void log(StepContext context, Throwable e) {
        try {
            TaskListener listener = context.get(TaskListener.class);
            if (listener != null) {
                listener.getLogger().println(Redactor.byShape().redact("[deploy-gates] the build page summary "
                        + "misses this verdict: " + e));
            }
        } catch (Exception | LinkageError ignored) {
            // no console left to say it on; the verdict itself is unaffected
        }
    }
}
