package io.jenkins.plugins.deploygates.steps;

import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.summary.BuildSummary;
import io.jenkins.plugins.deploygates.engine.summary.ReportFolder;
import io.jenkins.plugins.deploygates.summary.DeployGatesSummaryAction;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Summarizes a report folder of the workspace on the agent, where its records are, and returns the summary (a few
 * kilobytes, never the samples) naming the page rendered from it. A pure function of (workspace, dir, page);
 * {@link RenderReportCallable} has already checked the folder and written the page.
 */
final class ReadSummaryCallable extends MasterToSlaveFileCallable<BuildSummary> {
    private static final long serialVersionUID = 1L;

    private final String dir;
    private final String page;

    /** @param page the rendered page, relative to the workspace */
    ReadSummaryCallable(String dir, String page) {
        this.dir = dir;
        this.page = page;
    }

    @Override
    public BuildSummary invoke(File workspace, VirtualChannel channel) throws IOException {
        Path root = workspace.toPath().toAbsolutePath().normalize();
        return ReportFolder.read(root.resolve(dir).normalize()).withPage(page);
    }

    /**
     * Adds what the folder holds (the promotion, the nightly check, the gates, the page) to the build's summary.
     * The page is already written: a problem here is one console line, not a failed step.
     */
    static void addToSummary(StepContext context, String dir, String page) throws InterruptedException {
        TaskListener listener = null;
        try {
            listener = context.get(TaskListener.class);
            BuildSummary folder = context.get(FilePath.class).act(new ReadSummaryCallable(dir, page));
            DeployGatesSummaryAction.add(context.get(Run.class), folder);
            listener.getLogger().println("[" + DeployGatesReportStep.STEP + "] build page summary: " + folder.describe());
        } catch (IOException | RuntimeException e) {
            if (listener != null) {
                listener.getLogger().println(Redactor.byShape().redact("[" + DeployGatesReportStep.STEP
                        + "] the build page summary was not updated: " + e));
            }
        }
    }
}
