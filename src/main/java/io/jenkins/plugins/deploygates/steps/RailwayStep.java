package io.jenkins.plugins.deploygates.steps;

import hudson.FilePath;
import hudson.model.Item;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.deploygates.engine.common.Durations;
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
import java.time.Duration;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What railwayUp and railwayRollback share: the service they act on, the token, how long they wait, the checks after
 * the deployment and where the record goes, with the form checks of those parameters, and the execution around the
 * engine call (token, record written whatever happens, one-line failures).
 */
public abstract class RailwayStep extends Step {
    private final String service;
    private String environment;
    private String project;
    private String credentialsId;
    private String tokenKind = "project";
    private String timeout = "20m";
    private String pollInterval = "10s";
    private String healthCheck;
    private String healthCheckTimeout = "5m";
    private String apiUrl;
    private String reportDir = "railway";

    protected RailwayStep(String service) {
        this.service = service;
    }

    public String getService() { return service; }
    public String getEnvironment() { return environment; }
    public String getProject() { return project; }
    public String getCredentialsId() { return credentialsId; }
    public String getTokenKind() { return tokenKind; }
    public String getTimeout() { return timeout; }
    public String getPollInterval() { return pollInterval; }
    public String getHealthCheck() { return healthCheck; }
    public String getHealthCheckTimeout() { return healthCheckTimeout; }
    public String getApiUrl() { return apiUrl; }
    public String getReportDir() { return reportDir; }

    @DataBoundSetter public void setEnvironment(String value) { environment = trim(value); }
    @DataBoundSetter public void setProject(String value) { project = trim(value); }
    @DataBoundSetter public void setCredentialsId(String value) { credentialsId = trim(value); }
    @DataBoundSetter public void setTokenKind(String value) { tokenKind = value == null || value.isBlank() ? "project" : value.trim(); }
    @DataBoundSetter public void setTimeout(String value) { timeout = trim(value); }
    @DataBoundSetter public void setPollInterval(String value) { pollInterval = trim(value); }
    @DataBoundSetter public void setHealthCheck(String value) { healthCheck = trim(value); }
    @DataBoundSetter public void setHealthCheckTimeout(String value) { healthCheckTimeout = trim(value); }
    @DataBoundSetter public void setApiUrl(String value) { apiUrl = trim(value); }
    @DataBoundSetter public void setReportDir(String value) { reportDir = trim(value); }

    static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static Duration duration(String parameter, String value, String fallback) {
        return Durations.parse(parameter, value == null || value.isBlank() ? fallback : value);
    }

    FollowOptions follow(Duration stableFor, boolean allowSkipped, boolean waitForApproval) {
        return new FollowOptions(duration("timeout", timeout, "20m"), duration("pollInterval", pollInterval, "10s"),
                stableFor, allowSkipped, waitForApproval);
    }

    PostDeployChecks postDeployChecks(String expectVersion, String versionUrl) {
        return new PostDeployChecks(healthCheck, duration("healthCheckTimeout", healthCheckTimeout, "5m"),
                expectVersion, versionUrl);
    }

    /**
     * Runs the step's engine call on a pool thread and writes its record into the workspace whatever happens, so a
     * failed or aborted deploy still leaves its ids and statuses behind. Once Railway has accepted the work, the
     * record of it is kept with the build: after a Jenkins restart the step follows that deployment again, for what
     * is left of its timeout, and gives the real verdict.
     */
    abstract static class RailwayExecution extends BackgroundExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        final String stepName;
        final String service;
        private final String recordFile;
        private final String reportDir;
        private final String credentialsId;
        private final String tokenKind;
        final String apiUrl;
        private final FollowOptions follow;
        private final PostDeployChecks checks;
        /** The deployment Railway accepted, as its early record; what a restart follows again. */
        volatile DeploymentRecord accepted;

        RailwayExecution(StepContext context, String stepName, RailwayStep step, FollowOptions follow,
                PostDeployChecks checks) {
            super(context);
            this.stepName = stepName;
            this.service = step.service;
            this.recordFile = stepName.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase() + "-"
                    + step.service.trim().replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
            this.reportDir = step.reportDir;
            this.credentialsId = step.credentialsId;
            this.tokenKind = step.tokenKind;
            this.apiUrl = step.apiUrl;
            this.follow = follow;
            this.checks = checks;
        }

        /** The engine call; {@code early} receives the record as soon as Railway has accepted the work. */
        abstract DeploymentRecord deploy(RailwayConnection railway, RailwayToken token, RailwayUp.RecordSink early)
                throws Exception;

        /** What the record of a stopped wait says; railwayUp cancels a deployment that has not finished. */
        DeploymentRecord stopped(DeploymentRecord record) {
            return record;
        }

        @Override
        protected final Map<String, Object> run() throws Exception {
            return recorded((railway, token, early) -> deploy(railway, token, early));
        }

        /** After a restart: the accepted deployment is followed again; without one, one sentence says why not. */
        @Override
        public void onResume() {
            DeploymentRecord kept = accepted;
            if (kept == null) {
                super.onResume();
                return;
            }
            begin(() -> recorded((railway, token, early) -> new RailwayUp(railway).resume(kept, follow, checks)));
        }

        private interface Work {
            DeploymentRecord run(RailwayConnection railway, RailwayToken token, RailwayUp.RecordSink early)
                    throws Exception;
        }

        private Map<String, Object> recorded(Work work) throws Exception {
            TaskListener listener = getContext().get(TaskListener.class);
            FilePath workspace = getContext().get(FilePath.class);
            try {
                RailwayToken token = RailwayStepSupport.token(getContext(), credentialsId, tokenKind);
                RailwayConnection railway = RailwayStepSupport.connect(apiUrl, token, listener);
                DeploymentRecord record = work.run(railway, token, early -> {
                    accepted = early;
                    getContext().saveState(); // kept with the build at once, not only at the next checkpoint
                    RailwayStepSupport.writeRecord(workspace, reportDir, recordFile, early, null);
                });
                RailwayStepSupport.writeRecord(workspace, reportDir, recordFile, record, listener);
                StepVerdicts.add(getContext(), () -> GateVerdicts.of(record));
                return record.requirePassed().toMap();
            } catch (WaitInterruptedException e) {
                Thread.interrupted(); // or the calls that cancel the deploy and write the record would be refused
                DeploymentRecord record = stopped(e.record());
                RailwayStepSupport.writeRecord(workspace, reportDir, recordFile, record, listener);
                StepVerdicts.add(getContext(), () -> GateVerdicts.of(record));
                throw e;
            } catch (RuntimeException e) {
                throw RailwayStepSupport.forJenkins(stepName, e);
            }
        }
    }

    /** The form checks of the shared parameters; they call the validators the steps call at run time. */
    public abstract static class RailwayDescriptor extends StepDescriptor {
        @POST
        public FormValidation doCheckService(@QueryParameter String value) {
            return RailwayStepSupport.form(() -> RailwayUpConfig.checkService(value));
        }

        @POST
        public FormValidation doCheckTokenKind(@QueryParameter String value) {
            return RailwayStepSupport.form(() -> RailwayCredentials.checkTokenKind(value));
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
        public FormValidation doCheckHealthCheckTimeout(@QueryParameter String value) {
            return RailwayStepSupport.durationForm("healthCheckTimeout", value);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsDropDown.items(item, credentialsId, StringCredentials.class);
        }
    }
}
