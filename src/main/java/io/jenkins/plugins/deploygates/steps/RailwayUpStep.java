package io.jenkins.plugins.deploygates.steps;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord;
import io.jenkins.plugins.deploygates.engine.railway.FollowOptions;
import io.jenkins.plugins.deploygates.engine.railway.PostDeployChecks;
import io.jenkins.plugins.deploygates.engine.railway.RailwayConnection;
import io.jenkins.plugins.deploygates.engine.railway.RailwayToken;
import io.jenkins.plugins.deploygates.engine.railway.RailwayUp;
import io.jenkins.plugins.deploygates.engine.railway.RailwayUpConfig;
import io.jenkins.plugins.deploygates.engine.railway.WaitInterruptedException;
import io.jenkins.plugins.deploygates.engine.summary.GateVerdicts;
import io.jenkins.plugins.deploygates.summary.StepVerdicts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
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
public final class RailwayUpStep extends Step {
    static final String NAME = "railwayUp";

    private final String service;
    private String environment;
    private String project;
    private String path = ".";
    private String message;
    private String credentialsId;
    private String tokenKind = "project";
    private String timeout = "20m";
    private String pollInterval = "5s";
    private String stableFor = "0s";
    private boolean detach;
    private boolean allowSkipped;
    private boolean waitForApproval;
    private List<String> requiredVariables = new ArrayList<>();
    private String healthCheck;
    private String healthCheckTimeout = "5m";
    private String expectVersion;
    private String versionUrl;
    private String apiUrl;
    private String reportDir = "railway";

    @DataBoundConstructor
    public RailwayUpStep(String service) {
        this.service = service;
    }

    public String getService() { return service; }
    public String getEnvironment() { return environment; }
    public String getProject() { return project; }
    public String getPath() { return path; }
    public String getMessage() { return message; }
    public String getCredentialsId() { return credentialsId; }
    public String getTokenKind() { return tokenKind; }
    public String getTimeout() { return timeout; }
    public String getPollInterval() { return pollInterval; }
    public String getStableFor() { return stableFor; }
    public boolean isDetach() { return detach; }
    public boolean isAllowSkipped() { return allowSkipped; }
    public boolean isWaitForApproval() { return waitForApproval; }
    public List<String> getRequiredVariables() { return requiredVariables; }
    public String getRequiredVariablesText() { return ListText.join(requiredVariables); }
    public String getHealthCheck() { return healthCheck; }
    public String getHealthCheckTimeout() { return healthCheckTimeout; }
    public String getExpectVersion() { return expectVersion; }
    public String getVersionUrl() { return versionUrl; }
    public String getApiUrl() { return apiUrl; }
    public String getReportDir() { return reportDir; }

    @DataBoundSetter public void setEnvironment(String value) { environment = trim(value); }
    @DataBoundSetter public void setProject(String value) { project = trim(value); }
    @DataBoundSetter public void setPath(String value) { path = value == null || value.isBlank() ? "." : value.trim(); }
    @DataBoundSetter public void setMessage(String value) { message = trim(value); }
    @DataBoundSetter public void setCredentialsId(String value) { credentialsId = trim(value); }
    @DataBoundSetter public void setTokenKind(String value) { tokenKind = value == null || value.isBlank() ? "project" : value.trim(); }
    @DataBoundSetter public void setTimeout(String value) { timeout = trim(value); }
    @DataBoundSetter public void setPollInterval(String value) { pollInterval = trim(value); }
    @DataBoundSetter public void setStableFor(String value) { stableFor = trim(value); }
    @DataBoundSetter public void setDetach(boolean value) { detach = value; }
    @DataBoundSetter public void setAllowSkipped(boolean value) { allowSkipped = value; }
    @DataBoundSetter public void setWaitForApproval(boolean value) { waitForApproval = value; }
    @DataBoundSetter public void setRequiredVariables(List<String> value) { requiredVariables = value == null ? new ArrayList<>() : new ArrayList<>(value); }
    @DataBoundSetter public void setHealthCheck(String value) { healthCheck = trim(value); }
    @DataBoundSetter public void setHealthCheckTimeout(String value) { healthCheckTimeout = trim(value); }
    @DataBoundSetter public void setExpectVersion(String value) { expectVersion = trim(value); }
    @DataBoundSetter public void setVersionUrl(String value) { versionUrl = trim(value); }
    @DataBoundSetter public void setApiUrl(String value) { apiUrl = trim(value); }
    @DataBoundSetter public void setReportDir(String value) { reportDir = trim(value); }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The engine's request; {@code workspace} only names the directory in the log (the agent reads it). */
    RailwayUpConfig toConfig(String workspace) {
        FollowOptions follow = new FollowOptions(RailwayStepSupport.duration("timeout", timeout, "20m"),
                RailwayStepSupport.duration("pollInterval", pollInterval, "5s"),
                RailwayStepSupport.duration("stableFor", stableFor, "0s"), allowSkipped, waitForApproval);
        return new RailwayUpConfig(Path.of(workspace, path), project, environment, service, message,
                requiredVariables, follow, detach, new PostDeployChecks(healthCheck,
                        RailwayStepSupport.duration("healthCheckTimeout", healthCheckTimeout, "5m"), expectVersion,
                        versionUrl));
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /** Runs on a pool thread: the deploy takes minutes and must not hold the CPS thread. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient RailwayUpStep step;
        /** Set when Jenkins stops the step (the build was aborted, or a timeout step fired): the deploy is abandoned. */
        private transient volatile boolean stopped;

        Execution(StepContext context, RailwayUpStep step) {
            super(context);
            this.step = step;
        }

        @Override
        public void stop(Throwable cause) throws Exception {
            stopped = true;
            super.stop(cause);
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            TaskListener listener = getContext().get(TaskListener.class);
            FilePath workspace = getContext().get(FilePath.class);
            String fileName = RailwayStepSupport.fileName("railway-up", step.service);
            RailwayUp railwayUp = null;
            try {
                RailwayToken token = RailwayStepSupport.token(getContext(), step.credentialsId, step.tokenKind);
                RailwayConnection railway = RailwayStepSupport.connect(step.apiUrl, token, listener);
                // the record is written when Railway accepts the upload, so a restart mid-wait leaves the deployment id
                railwayUp = new RailwayUp(railway, (target, message) -> workspace.act(
                        new RailwayUploadCallable(step.path, step.apiUrl, token, target, message, listener)),
                        uploaded -> RailwayStepSupport.writeRecord(workspace, step.reportDir, fileName, uploaded, null));
                DeploymentRecord record = railwayUp.run(step.toConfig(workspace.getRemote()));
                RailwayStepSupport.writeRecord(workspace, step.reportDir, fileName, record, listener);
                StepVerdicts.add(getContext(), () -> GateVerdicts.of(record));
                return record.requirePassed().toMap();
            } catch (WaitInterruptedException e) {
                Thread.interrupted(); // or the calls that cancel the deploy and write the record would be refused
                DeploymentRecord record = stopped ? railwayUp.abandon(e.record()) : e.record();
                RailwayStepSupport.writeRecord(workspace, step.reportDir, fileName, record, listener);
                StepVerdicts.add(getContext(), () -> GateVerdicts.of(record));
                throw e;
            } catch (RuntimeException e) {
                throw RailwayStepSupport.forJenkins(NAME, e);
            }
        }
    }

    @Extension
    @Symbol(NAME)
    public static final class DescriptorImpl extends StepDescriptor {
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
        public FormValidation doCheckService(@QueryParameter String value) {
            return RailwayStepSupport.form(() -> RailwayUpConfig.checkService(value));
        }

        @POST
        public FormValidation doCheckTokenKind(@QueryParameter String value) {
            return RailwayStepSupport.form(() -> RailwayCredentials.checkTokenKind(value));
        }

        @POST
        public FormValidation doCheckRequiredVariablesText(@QueryParameter String value) {
            return RailwayStepSupport.form(() -> ListText.split(value).forEach(RailwayUpConfig::checkVariableName));
        }

        @POST
        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return RailwayStepSupport.durationForm("timeout", value);
        }

        @POST
        public FormValidation doCheckPollInterval(@QueryParameter String value) {
            return RailwayStepSupport.durationForm("pollInterval", value);
        }

        @POST
        public FormValidation doCheckStableFor(@QueryParameter String value) {
            return RailwayStepSupport.durationForm("stableFor", value);
        }

        @POST
        public FormValidation doCheckHealthCheckTimeout(@QueryParameter String value) {
            return RailwayStepSupport.durationForm("healthCheckTimeout", value);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsDropDown.items(item, credentialsId, StringCredentials.class);
        }
    }
}
