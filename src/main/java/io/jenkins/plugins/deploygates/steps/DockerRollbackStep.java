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
 * {@code dockerRollback(file: 'docker-compose.yml')}: puts back the images the last {@code dockerRebuild}
 * replaced (it keeps them tagged {@code deploy-gates-previous}), recreates the containers and verifies them.
 * Returns the same Map as dockerRebuild.
 */
public final class DockerRollbackStep extends Step {
    private final String file;
    private String projectName;
    private String services;
    private String waitTimeout = "3m";
    private String stableFor = "20s";
    private String pollInterval = "2s";
    private String commandTimeout = "30m";
    private String dockerHost;
    private String context;
    private String reportDir = "deploy-gates-reports";

    /** @param file compose file(s), comma separated; empty means docker-compose.yml */
    @DataBoundConstructor
    public DockerRollbackStep(String file) {
        this.file = ComposeStepSupport.blankToNull(file) == null ? "docker-compose.yml" : file.trim();
    }

    public String getFile() { return file; }
    public String getProjectName() { return projectName; }
    public String getServices() { return services; }
    public String getWaitTimeout() { return waitTimeout; }
    public String getStableFor() { return stableFor; }
    public String getPollInterval() { return pollInterval; }
    public String getCommandTimeout() { return commandTimeout; }
    public String getDockerHost() { return dockerHost; }
    public String getContext() { return context; }
    public String getReportDir() { return reportDir; }

    @DataBoundSetter
    public void setProjectName(String projectName) { this.projectName = ComposeStepSupport.blankToNull(projectName); }

    @DataBoundSetter
    public void setServices(String services) { this.services = ComposeStepSupport.blankToNull(services); }

    @DataBoundSetter
    public void setWaitTimeout(String waitTimeout) { this.waitTimeout = waitTimeout; }

    @DataBoundSetter
    public void setStableFor(String stableFor) { this.stableFor = stableFor; }

    @DataBoundSetter
    public void setPollInterval(String pollInterval) { this.pollInterval = pollInterval; }

    @DataBoundSetter
    public void setCommandTimeout(String commandTimeout) { this.commandTimeout = commandTimeout; }

    @DataBoundSetter
    public void setDockerHost(String dockerHost) { this.dockerHost = ComposeStepSupport.blankToNull(dockerHost); }

    @DataBoundSetter
    public void setContext(String context) { this.context = ComposeStepSupport.blankToNull(context); }

    @DataBoundSetter
    public void setReportDir(String reportDir) { this.reportDir = ComposeStepSupport.blankToNull(reportDir); }

    ComposeOptions toOptions() {
        return new ComposeOptions().files(ComposeOptions.split(file)).projectName(projectName)
                .services(ComposeOptions.split(services))
                .waitTimeout(Durations.parse("waitTimeout", waitTimeout))
                .stableFor(Durations.parse("stableFor", stableFor))
                .pollInterval(Durations.parse("pollInterval", pollInterval))
                .commandTimeout(Durations.parse("commandTimeout", commandTimeout))
                .dockerHost(dockerHost).context(context).reportDir(reportDir);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient DockerRollbackStep step;

        Execution(StepContext context, DockerRollbackStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return ComposeStepSupport.run("dockerRollback", getContext(), true, step::toOptions);
        }
    }

    @Extension
    @Symbol("dockerRollback")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "dockerRollback";
        }

        @Override
        public String getDisplayName() {
            return "Roll a docker-compose project back to the images the last dockerRebuild replaced";
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
    }
}
