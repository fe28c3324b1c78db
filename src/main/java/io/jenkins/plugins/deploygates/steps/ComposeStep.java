package io.jenkins.plugins.deploygates.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.docker.ComposeOptions;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What dockerRebuild and dockerRollback share: the compose project they act on, where its daemon is, how long they
 * wait and where the record goes, with the form checks of those parameters. Each step adds its own.
 */
public abstract class ComposeStep extends Step {
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
    protected ComposeStep(String file) {
        this.file = blankToNull(file) == null ? "docker-compose.yml" : file.trim();
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

    @DataBoundSetter public void setProjectName(String value) { projectName = blankToNull(value); }
    @DataBoundSetter public void setServices(String value) { services = blankToNull(value); }
    @DataBoundSetter public void setWaitTimeout(String value) { waitTimeout = value; }
    @DataBoundSetter public void setStableFor(String value) { stableFor = value; }
    @DataBoundSetter public void setPollInterval(String value) { pollInterval = value; }
    @DataBoundSetter public void setCommandTimeout(String value) { commandTimeout = value; }
    @DataBoundSetter public void setDockerHost(String value) { dockerHost = blankToNull(value); }
    @DataBoundSetter public void setContext(String value) { context = blankToNull(value); }
    @DataBoundSetter public void setReportDir(String value) { reportDir = blankToNull(value); }

    /** The engine's options for what both steps share; durations are parsed here, so a bad one is one sentence. */
    ComposeOptions toOptions() {
        return new ComposeOptions().files(ComposeOptions.split(file)).projectName(projectName)
                .services(ComposeOptions.split(services))
                .waitTimeout(Durations.parse("waitTimeout", waitTimeout))
                .stableFor(Durations.parse("stableFor", stableFor))
                .pollInterval(Durations.parse("pollInterval", pollInterval))
                .commandTimeout(Durations.parse("commandTimeout", commandTimeout))
                .dockerHost(dockerHost).context(context).reportDir(reportDir);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The form checks of the shared parameters; they call the validators the steps call at run time. */
    public abstract static class ComposeDescriptor extends StepDescriptor {
        /** The workspace (docker runs there, on its agent), the console, and the environment docker runs with. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, TaskListener.class, EnvVars.class);
        }

        @POST
        public FormValidation doCheckFile(@QueryParameter String value) {
            return value != null && value.contains("..")
                    ? FormValidation.warning("file points outside the workspace: docker runs in the workspace.")
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckProjectName(@QueryParameter String value) {
            return form(StepFailures.check(() -> ComposeOptions.requireProjectName(value)));
        }

        @POST
        public FormValidation doCheckWaitTimeout(@QueryParameter String value) {
            return duration("waitTimeout", value);
        }

        @POST
        public FormValidation doCheckStableFor(@QueryParameter String value) {
            return duration("stableFor", value);
        }

        @POST
        public FormValidation doCheckPollInterval(@QueryParameter String value) {
            return duration("pollInterval", value);
        }

        @POST
        public FormValidation doCheckCommandTimeout(@QueryParameter String value) {
            return duration("commandTimeout", value);
        }

        static FormValidation duration(String name, String value) {
            return form(value == null || value.isBlank() ? null : StepFailures.check(() -> Durations.parse(name, value)));
        }

        static FormValidation form(String error) {
            return error == null ? FormValidation.ok() : FormValidation.error(error);
        }
    }
}
