package io.jenkins.plugins.deploygates.steps;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord;
import io.jenkins.plugins.deploygates.engine.railway.FollowOptions;
import io.jenkins.plugins.deploygates.engine.railway.RailwayConnection;
import io.jenkins.plugins.deploygates.engine.railway.RailwayTarget;
import io.jenkins.plugins.deploygates.engine.railway.RailwayToken;
import io.jenkins.plugins.deploygates.engine.railway.RailwayUp;
import io.jenkins.plugins.deploygates.engine.railway.RailwayUpConfig;
import io.jenkins.plugins.deploygates.engine.railway.Uploader;
import io.jenkins.plugins.deploygates.engine.railway.upload.ArchiveOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code railwayUp(service: 'api', environment: 'production', requiredVariables: ['DATABASE_URL'])}: uploads a
 * workspace directory to a Railway service from the agent and waits for a verdict that can be trusted; returns
 * deploymentId, status, verdict, url, logsUrl and durationMs, and fails the build with the reason otherwise.
 */
public final class RailwayUpStep extends RailwayStep {
    static final String NAME = "railwayUp";

    private String path = ".";
    private String message;
    private String stableFor = "0s";
    private boolean detach;
    private boolean allowSkipped;
    private boolean waitForApproval;
    private List<String> requiredVariables = new ArrayList<>();
    private String expectVersion;
    private String versionUrl;
    private boolean pathAsRoot;
    private boolean noGitignore;

    @DataBoundConstructor
    public RailwayUpStep(String service) {
        super(service);
    }

    public String getPath() { return path; }
    public String getMessage() { return message; }
    public String getStableFor() { return stableFor; }
    public boolean isDetach() { return detach; }
    public boolean isAllowSkipped() { return allowSkipped; }
    public boolean isWaitForApproval() { return waitForApproval; }
    public List<String> getRequiredVariables() { return requiredVariables; }
    /** The form's textarea for {@link #setRequiredVariables}, one name per line. */
    public String getRequiredVariablesText() { return ListText.join(requiredVariables); }
    public String getExpectVersion() { return expectVersion; }
    public String getVersionUrl() { return versionUrl; }
    public boolean isPathAsRoot() { return pathAsRoot; }
    public boolean isNoGitignore() { return noGitignore; }

    @DataBoundSetter public void setPath(String value) { path = value == null || value.isBlank() ? "." : value.trim(); }
    @DataBoundSetter public void setMessage(String value) { message = trim(value); }
    @DataBoundSetter public void setStableFor(String value) { stableFor = trim(value); }
    @DataBoundSetter public void setDetach(boolean value) { detach = value; }
    @DataBoundSetter public void setAllowSkipped(boolean value) { allowSkipped = value; }
    @DataBoundSetter public void setWaitForApproval(boolean value) { waitForApproval = value; }
    @DataBoundSetter public void setRequiredVariables(List<String> value) { requiredVariables = value == null ? new ArrayList<>() : new ArrayList<>(value); }
    @DataBoundSetter public void setExpectVersion(String value) { expectVersion = trim(value); }
    @DataBoundSetter public void setVersionUrl(String value) { versionUrl = trim(value); }
    @DataBoundSetter public void setPathAsRoot(boolean value) { pathAsRoot = value; }
    @DataBoundSetter public void setNoGitignore(boolean value) { noGitignore = value; }

    /** The engine's request; {@code workspace} only names the directory in the log (the agent reads it). */
    RailwayUpConfig toConfig(String workspace) {
        return new RailwayUpConfig(Path.of(workspace, path), getProject(), getEnvironment(), getService(), message,
                requiredVariables, follow(), detach, postDeployChecks(expectVersion, versionUrl), Path.of(workspace),
                archiveOptions());
    }

    private FollowOptions follow() {
        return follow(duration("stableFor", stableFor, "0s"), allowSkipped, waitForApproval);
    }

    /** {@code railway up}'s archive options: names from the workspace unless pathAsRoot, and noGitignore. */
    ArchiveOptions archiveOptions() {
        return new ArchiveOptions(pathAsRoot, noGitignore);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /** Uploads from the agent, then waits on a pool thread: the deploy takes minutes and must not hold the CPS thread. */
    static final class Execution extends RailwayExecution {
        private static final long serialVersionUID = 1L;
        private final transient RailwayUpStep step;
        /** Set when Jenkins stops the step (the build was aborted, or a timeout step fired): the deploy is abandoned. */
        private transient volatile boolean stopped;
        private transient volatile RailwayUp railwayUp;

        Execution(StepContext context, RailwayUpStep step) {
            super(context, NAME, step, step.follow(), step.postDeployChecks(step.expectVersion, step.versionUrl));
            this.step = step;
        }

        @Override
        DeploymentRecord deploy(RailwayConnection railway, RailwayToken token, RailwayUp.RecordSink early)
                throws Exception {
            FilePath workspace = getContext().get(FilePath.class);
            TaskListener listener = getContext().get(TaskListener.class);
            railwayUp = new RailwayUp(railway, new AgentUpload(workspace, token, listener), early);
            return railwayUp.run(step.toConfig(workspace.getRemote()));
        }

        /** The upload from the agent that holds the workspace, its local checks there first. */
        private final class AgentUpload implements RailwayUp.DirectoryUpload {
            private final FilePath workspace;
            private final RailwayToken token;
            private final TaskListener listener;

            AgentUpload(FilePath workspace, RailwayToken token, TaskListener listener) {
                this.workspace = workspace;
                this.token = token;
                this.listener = listener;
            }

            @Override
            public void check() throws IOException, InterruptedException {
                workspace.act(new CheckUploadPath(step.path, step.archiveOptions()));
            }

            @Override
            public Uploader.Uploaded upload(RailwayTarget target, String message)
                    throws IOException, InterruptedException {
                return workspace.act(new RailwayUploadCallable(step.path, apiUrl, token, target, message,
                        step.archiveOptions(), listener));
            }
        }

        @Override
        public void stop(Throwable cause) {
            stopped = true;
            super.stop(cause);
        }

        @Override
        DeploymentRecord stopped(DeploymentRecord record) {
            RailwayUp running = railwayUp;
            return stopped && running != null ? running.abandon(record) : record;
        }

        /** Only before Railway accepted the upload: after that, a restart follows the deployment again. */
        @Override
        protected String afterRestart() {
            return NAME + ": a Jenkins restart cut off the upload of '" + service + "' before Railway accepted it, so"
                    + " nothing was deployed: run the build again.";
        }
    }

    @Extension
    @Symbol(NAME)
    public static final class DescriptorImpl extends RailwayDescriptor {
        /** The form's one-per-line text fields become the lists they edit (see {@link ListText}). */
        @Override
        public Step newInstance(StaplerRequest2 request, JSONObject form) throws FormException {
            return super.newInstance(request, ListText.listsFromForm(form, "requiredVariables"));
        }

        @Override
        public String getFunctionName() {
            return NAME;
        }

        @Override
        public String getDisplayName() {
            return "Deploy a directory to Railway and wait for a trustworthy verdict";
        }

        /** FilePath: the upload reads the workspace; Run: credentials lookup; EnvVars: RAILWAY_TOKEN. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class);
        }

        @POST
        public FormValidation doCheckRequiredVariables(@QueryParameter String value) {
            return RailwayStepSupport.form(() -> ListText.split(value).forEach(RailwayUpConfig::checkVariableName));
        }

        @POST
        public FormValidation doCheckStableFor(@QueryParameter String value) {
            return RailwayStepSupport.durationForm("stableFor", value);
        }
    }
}
