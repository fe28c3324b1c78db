package io.jenkins.plugins.deploygates.steps;

import hudson.Extension;
import hudson.util.FormValidation;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.docker.ComposeOptions;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code dockerRebuild(file: 'docker-compose.yml', stableFor: '30s')}: rebuilds the Compose project in the
 * workspace without cache, recreates its containers, proves they run the new images and stay up, and rolls back
 * to the previous images when they do not. Returns a Map (services with state, health, imageId, restarts;
 * verdict; rolledBack); a failed deploy fails the build with its reason.
 */
public final class DockerRebuildStep extends Step {
    private final String file;
    private String projectName;
    private String services;
    private boolean noCache = true;
    private boolean pull = true;
    private String waitTimeout = "3m";
    private String stableFor = "20s";
    private String pollInterval = "2s";
    private String commandTimeout = "30m";
    private boolean removeOrphans = true;
    private boolean rollbackOnFailure = true;
    private String dockerHost;
    private String context;
    private String buildArgs;
    private String buildSecrets;
    private String reportDir = "deploy-gates-reports";

    /** @param file compose file(s), comma separated; empty means docker-compose.yml */
    @DataBoundConstructor
    public DockerRebuildStep(String file) {
        this.file = ComposeStepSupport.blankToNull(file) == null ? "docker-compose.yml" : file.trim();
    }

    public String getFile() { return file; }
    public String getProjectName() { return projectName; }
    public String getServices() { return services; }
    public boolean isNoCache() { return noCache; }
    public boolean isPull() { return pull; }
    public String getWaitTimeout() { return waitTimeout; }
    public String getStableFor() { return stableFor; }
    public String getPollInterval() { return pollInterval; }
    public String getCommandTimeout() { return commandTimeout; }
    public boolean isRemoveOrphans() { return removeOrphans; }
    public boolean isRollbackOnFailure() { return rollbackOnFailure; }
    public String getDockerHost() { return dockerHost; }
    public String getContext() { return context; }
    public String getBuildArgs() { return buildArgs; }
    public String getBuildSecrets() { return buildSecrets; }
    public String getReportDir() { return reportDir; }

    @DataBoundSetter
    public void setProjectName(String projectName) { this.projectName = ComposeStepSupport.blankToNull(projectName); }

    @DataBoundSetter
    public void setServices(String services) { this.services = ComposeStepSupport.blankToNull(services); }

    @DataBoundSetter
    public void setNoCache(boolean noCache) { this.noCache = noCache; }

    @DataBoundSetter
    public void setPull(boolean pull) { this.pull = pull; }

    @DataBoundSetter
    public void setWaitTimeout(String waitTimeout) { this.waitTimeout = waitTimeout; }

    @DataBoundSetter
    public void setStableFor(String stableFor) { this.stableFor = stableFor; }

    @DataBoundSetter
    public void setPollInterval(String pollInterval) { this.pollInterval = pollInterval; }

    @DataBoundSetter
    public void setCommandTimeout(String commandTimeout) { this.commandTimeout = commandTimeout; }

    @DataBoundSetter
    public void setRemoveOrphans(boolean removeOrphans) { this.removeOrphans = removeOrphans; }

    @DataBoundSetter
    public void setRollbackOnFailure(boolean rollbackOnFailure) { this.rollbackOnFailure = rollbackOnFailure; }

    @DataBoundSetter
    public void setDockerHost(String dockerHost) { this.dockerHost = ComposeStepSupport.blankToNull(dockerHost); }

    @DataBoundSetter
    public void setContext(String context) { this.context = ComposeStepSupport.blankToNull(context); }

    @DataBoundSetter
    public void setBuildArgs(String buildArgs) { this.buildArgs = ComposeStepSupport.blankToNull(buildArgs); }

    @DataBoundSetter
    public void setBuildSecrets(String buildSecrets) { this.buildSecrets = ComposeStepSupport.blankToNull(buildSecrets); }

    @DataBoundSetter
    public void setReportDir(String reportDir) { this.reportDir = ComposeStepSupport.blankToNull(reportDir); }

    /** The engine's options; durations are parsed here, so a bad one fails the step with one sentence. */
    ComposeOptions toOptions() {
        return new ComposeOptions().files(ComposeOptions.split(file)).projectName(projectName)
                .services(ComposeOptions.split(services)).noCache(noCache).pull(pull)
                .waitTimeout(Durations.parse("waitTimeout", waitTimeout))
                .stableFor(Durations.parse("stableFor", stableFor))
                .pollInterval(Durations.parse("pollInterval", pollInterval))
                .commandTimeout(Durations.parse("commandTimeout", commandTimeout)).removeOrphans(removeOrphans)
                .rollbackOnFailure(rollbackOnFailure).dockerHost(dockerHost).context(context)
                .buildArgs(ComposeOptions.split(buildArgs)).buildSecrets(ComposeOptions.split(buildSecrets))
                .reportDir(reportDir);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /** Synchronous on a pool thread: the work is one (long) call on the agent. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient DockerRebuildStep step;

        Execution(StepContext context, DockerRebuildStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return ComposeStepSupport.run("dockerRebuild", getContext(), false, step::toOptions);
        }
    }

    @Extension
    @Symbol("dockerRebuild")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "dockerRebuild";
        }

        @Override
        public String getDisplayName() {
            return "Rebuild a docker-compose project, prove it runs the new images, roll back if not";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return ComposeStepSupport.CONTEXT;
        }

        @POST
        public FormValidation doCheckFile(@QueryParameter String value) {
            return ComposeStepSupport.file(value);
        }

        @POST
        public FormValidation doCheckProjectName(@QueryParameter String value) {
            return ComposeStepSupport.projectName(value);
        }

        @POST
        public FormValidation doCheckWaitTimeout(@QueryParameter String value) {
            return ComposeStepSupport.duration("waitTimeout", value);
        }

        @POST
        public FormValidation doCheckStableFor(@QueryParameter String value) {
            return ComposeStepSupport.duration("stableFor", value);
        }

        @POST
        public FormValidation doCheckPollInterval(@QueryParameter String value) {
            return ComposeStepSupport.duration("pollInterval", value);
        }

        @POST
        public FormValidation doCheckCommandTimeout(@QueryParameter String value) {
            return ComposeStepSupport.duration("commandTimeout", value);
        }

        @POST
        public FormValidation doCheckBuildArgs(@QueryParameter String value) {
            return ComposeStepSupport.envNames("buildArgs", value);
        }

        @POST
        public FormValidation doCheckBuildSecrets(@QueryParameter String value) {
            return ComposeStepSupport.envNames("buildSecrets", value);
        }
    }
}
