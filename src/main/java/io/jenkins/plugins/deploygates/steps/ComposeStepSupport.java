package io.jenkins.plugins.deploygates.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.docker.ComposeOptions;
import io.jenkins.plugins.deploygates.engine.summary.GateVerdicts;
import io.jenkins.plugins.deploygates.summary.StepVerdicts;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** What dockerRebuild and dockerRollback share: their context, how they run on the agent, their form checks. */
final class ComposeStepSupport {
    /** The workspace (docker runs there, on its agent), the console, and the environment docker runs with. */
    static final Set<Class<?>> CONTEXT = Set.of(FilePath.class, TaskListener.class, EnvVars.class);

    private ComposeStepSupport() {}

    /** Runs on the agent; user mistakes and failed verdicts (including a bad option) become AbortExceptions. */
    static Map<String, Object> run(String stepName, StepContext context, boolean rollbackOnly,
            Supplier<ComposeOptions> options) throws Exception {
        try {
            FilePath workspace = context.get(FilePath.class);
            EnvVars environment = context.get(EnvVars.class);
            ComposeOptions validated = options.get().validate();
            ComposeRecordWatch record = ComposeRecordWatch.before(workspace, validated, stepName);
            try {
                Map<String, Object> result = workspace.act(new ComposeCallable(rollbackOnly, validated,
                        environment == null ? Map.of() : environment, context.get(TaskListener.class)));
                StepVerdicts.add(context, () -> GateVerdicts.ofCompose(result));
                return result;
            } catch (IOException | InterruptedException | RuntimeException failed) {
                record.addToSummary(context);
                throw failed;
            }
        } catch (RuntimeException e) {
            Throwable mapped = StepFailures.forJenkins(stepName, e);
            throw mapped instanceof Exception ex ? ex : e;
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static FormValidation duration(String name, String value) {
        return form(value == null || value.isBlank() ? null : StepFailures.check(() -> Durations.parse(name, value)));
    }

    static FormValidation projectName(String value) {
        return form(StepFailures.check(() -> ComposeOptions.requireProjectName(value)));
    }

    static FormValidation envNames(String name, String value) {
        return form(StepFailures.check(() -> ComposeOptions.requireEnvNames(name, ComposeOptions.split(value))));
    }

    static FormValidation file(String value) {
        return value != null && value.contains("..")
                ? FormValidation.warning("file points outside the workspace: docker runs in the workspace.")
                : FormValidation.ok();
    }

    private static FormValidation form(String error) {
        return error == null ? FormValidation.ok() : FormValidation.error(error);
    }
}
