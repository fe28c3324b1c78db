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
import io.jenkins.plugins.deploygates.engine.railway.RailwayRollback;
import io.jenkins.plugins.deploygates.engine.railway.RailwayToken;
import io.jenkins.plugins.deploygates.engine.railway.WaitInterruptedException;
import io.jenkins.plugins.deploygates.engine.railway.RailwayUpConfig;
import io.jenkins.plugins.deploygates.engine.summary.GateVerdicts;
import io.jenkins.plugins.deploygates.summary.StepVerdicts;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
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
import org.kohsuke.stapler.verb.POST;

/**
 * {@code railwayRollback(service: 'api', environment: 'production')}: restores the deployment that served
 * before the current one (or {@code to}), waits for it like a deploy and returns the same Map as railwayUp
 * plus {@code rolledBackTo}.
 */
public final class RailwayRollbackStep extends Step {
    static final String NAME = "railwayRollback";

    private final String service;
    private String environment;
    private String project;
    private String to;
    private String credentialsId;
    private String tokenKind = "project";
    private String timeout = "20m";
    private String pollInterval = "5s";
    private String healthCheck;
    private String healthCheckTimeout = "5m";
    private String apiUrl;
    private String reportDir = "railway";

    @DataBoundConstructor
    public RailwayRollbackStep(String service) {
        this.service = service;
    }

    public String getService() { return service; }
    public String getEnvironment() { return environment; }
    public String getProject() { return project; }
    public String getTo() { return to; }
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
    @DataBoundSetter public void setTo(String value) { to = trim(value); }
    @DataBoundSetter public void setCredentialsId(String value) { credentialsId = trim(value); }
    @DataBoundSetter public void setTokenKind(String value) { tokenKind = value == null || value.isBlank() ? "project" : value.trim(); }
    @DataBoundSetter public void setTimeout(String value) { timeout = trim(value); }
    @DataBoundSetter public void setPollInterval(String value) { pollInterval = trim(value); }
    @DataBoundSetter public void setHealthCheck(String value) { healthCheck = trim(value); }
    @DataBoundSetter public void setHealthCheckTimeout(String value) { healthCheckTimeout = trim(value); }
    @DataBoundSetter public void setApiUrl(String value) { apiUrl = trim(value); }
    @DataBoundSetter public void setReportDir(String value) { reportDir = trim(value); }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    RailwayRollback.Config toConfig() {
        RailwayUpConfig.checkService(service);
        FollowOptions follow = new FollowOptions(RailwayStepSupport.duration("timeout", timeout, "20m"),
                RailwayStepSupport.duration("pollInterval", pollInterval, "5s"), Duration.ZERO, false, false);
        return new RailwayRollback.Config(project, environment, service, to, follow, new PostDeployChecks(healthCheck,
                RailwayStepSupport.duration("healthCheckTimeout", healthCheckTimeout, "5m"), null, null));
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /** Runs on a pool thread: waiting for the rolled-back deployment takes minutes. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient RailwayRollbackStep step;

        Execution(StepContext context, RailwayRollbackStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            TaskListener listener = getContext().get(TaskListener.class);
            FilePath workspace = getContext().get(FilePath.class);
            String fileName = RailwayStepSupport.fileName("railway-rollback", step.service);
            try {
                RailwayToken token = RailwayStepSupport.token(getContext(), step.credentialsId, step.tokenKind);
                RailwayConnection railway = RailwayStepSupport.connect(step.apiUrl, token, listener);
                DeploymentRecord record = new RailwayRollback(railway).run(step.toConfig());
                RailwayStepSupport.writeRecord(workspace, step.reportDir, fileName, record, listener);
                StepVerdicts.add(getContext(), () -> GateVerdicts.of(record));
                return record.requirePassed().toMap();
            } catch (WaitInterruptedException e) {
                Thread.interrupted(); // or the agent call that writes the record would be refused at once
                RailwayStepSupport.writeRecord(workspace, step.reportDir, fileName, e.record(), listener);
                StepVerdicts.add(getContext(), () -> GateVerdicts.of(e.record()));
                throw e;
            } catch (RuntimeException e) {
                throw RailwayStepSupport.forJenkins(NAME, e);
            }
        }
    }

    @Extension
    @Symbol(NAME)
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return NAME;
        }

        @Override
        public String getDisplayName() {
            return "Roll a Railway service back to its previous deployment and wait for the verdict";
        }

        /** No FilePath: a rollback needs no workspace (the record is written only inside a node block). */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, EnvVars.class);
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
        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return RailwayStepSupport.durationForm("timeout", value);
        }

        @POST
        public FormValidation doCheckPollInterval(@QueryParameter String value) {
            return RailwayStepSupport.durationForm("pollInterval", value);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsDropDown.items(item, credentialsId, StringCredentials.class);
        }
    }
}
