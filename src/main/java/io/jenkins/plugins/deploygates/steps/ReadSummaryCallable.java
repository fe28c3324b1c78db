package io.jenkins.plugins.deploygates.steps;

import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.report.DeployGatesReport;
import io.jenkins.plugins.deploygates.engine.summary.FolderSummary;
import io.jenkins.plugins.deploygates.engine.summary.ReportFolder;
import io.jenkins.plugins.deploygates.summary.DeployGatesSummaryAction;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Summarizes a report folder of the workspace on the agent, where its records are, and returns the summary (a few
 * kilobytes, never the samples) with the page's path relative to the workspace. A pure function of
 * (workspace, dir, out); {@link RenderReportCallable} has already checked both paths.
 */
final class ReadSummaryCallable extends MasterToSlaveFileCallable<FolderSummary> {
    private static final long serialVersionUID = 1L;

    private final String dir;
    private final String out;

    ReadSummaryCallable(String dir, String out) {
        this.dir = dir;
        this.out = out;
    }

    @Override
    public FolderSummary invoke(File workspace, VirtualChannel channel) throws IOException {
        Path root = workspace.toPath().toAbsolutePath().normalize();
        Path records = root.resolve(dir).normalize();
        Path page = out == null ? records.resolve(DeployGatesReport.FILE) : root.resolve(out).normalize();
        return ReportFolder.read(records).withPage(root.relativize(page).toString().replace(File.separatorChar, '/'));
    }

    /**
     * Adds what the folder holds (the promotion, the nightly check, the gates, the page) to the build's summary.
     * The page is already written: a problem here is one console line, not a failed step.
     */
    static void addToSummary(StepContext context, String dir, String out) throws InterruptedException {
        TaskListener listener = null;
        try {
            listener = context.get(TaskListener.class);
            FolderSummary folder = context.get(FilePath.class).act(new ReadSummaryCallable(dir, out));
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
