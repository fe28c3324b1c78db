package io.jenkins.plugins.deploygates.steps;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.jenkins.plugins.deploygates.engine.report.DeployGatesReport;
import java.util.List;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code deployGatesReport(dir: 'deploy-gates-reports')}: renders the records the other steps wrote into an HTML
 * page and its stylesheet in the workspace and returns both workspace-relative paths as one
 * {@code archiveArtifacts} pattern ({@code "dir/deploy-gates-report.html, dir/deploy-gates-report.css"}).
 */
public final class DeployGatesReportStep extends Step {
    static final String STEP = "deployGatesReport";
    static final String DEFAULT_DIR = "deploy-gates-reports";

    private String dir = DEFAULT_DIR;
    private String out;

    @DataBoundConstructor
    public DeployGatesReportStep() {}

    public String getDir() { return dir; }
    public String getOut() { return out; }

    @DataBoundSetter public void setDir(String value) { dir = value == null || value.isBlank() ? DEFAULT_DIR : value.trim(); }
    @DataBoundSetter public void setOut(String value) { out = value == null || value.isBlank() ? null : value.trim(); }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /** Off the CPS thread: the page is read from and written to the agent's disk. */
    static final class Execution extends BackgroundExecution<String> {
        private static final long serialVersionUID = 1L;
        private final transient DeployGatesReportStep step;

        Execution(StepContext context, DeployGatesReportStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected String afterRestart() {
            return STEP + ": a Jenkins restart cut off the rendering of the report; the records are still in the"
                    + " workspace: run deployGatesReport again.";
        }

        @Override
        protected String run() throws Exception {
            try {
                TaskListener listener = getContext().get(TaskListener.class);
                List<String> files = getContext().get(FilePath.class)
                        .act(new RenderReportCallable(step.dir, step.out, listener));
                listener.getLogger().println("[" + STEP + "] report: " + files.get(0) + " (stylesheet " + files.get(1) + ")");
                ReadSummaryCallable.addToSummary(getContext(), step.dir, files.get(0));
                // One archiveArtifacts pattern for both files: the page is unstyled without its stylesheet.
                return String.join(", ", files);
            } catch (RuntimeException e) {
                Throwable mapped = StepFailures.forJenkins(STEP, e);
                throw mapped instanceof Exception ex ? ex : e;
            }
        }
    }

    @Extension
    @Symbol(STEP)
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return STEP;
        }

        @Override
        public String getDisplayName() {
            return "Render the Deploy Gates records into one HTML page (" + DeployGatesReport.FILE + " and "
                    + DeployGatesReport.STYLESHEET + ")";
        }

        /** FilePath: the records and the page live in the workspace, on the agent. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, TaskListener.class);
        }
    }
}
