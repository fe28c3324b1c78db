package io.jenkins.plugins.deploygates.steps;

import hudson.Extension;
import hudson.util.FormValidation;
import io.jenkins.plugins.deploygates.engine.docker.ComposeOptions;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
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
public final class DockerRebuildStep extends ComposeStep {
    static final String NAME = "dockerRebuild";

    private boolean noCache = true;
    private boolean pull = true;
    private boolean removeOrphans = true;
    private boolean rollbackOnFailure = true;
    private String buildArgs;
    private String buildSecrets;

    /** @param file compose file(s), comma separated; empty means docker-compose.yml */
    @DataBoundConstructor
    public DockerRebuildStep(String file) {
        super(file);
    }

    public boolean isNoCache() { return noCache; }
    public boolean isPull() { return pull; }
    public boolean isRemoveOrphans() { return removeOrphans; }
    public boolean isRollbackOnFailure() { return rollbackOnFailure; }
    public String getBuildArgs() { return buildArgs; }
    public String getBuildSecrets() { return buildSecrets; }

    @DataBoundSetter public void setNoCache(boolean value) { noCache = value; }
    @DataBoundSetter public void setPull(boolean value) { pull = value; }
    @DataBoundSetter public void setRemoveOrphans(boolean value) { removeOrphans = value; }
    @DataBoundSetter public void setRollbackOnFailure(boolean value) { rollbackOnFailure = value; }
    @DataBoundSetter public void setBuildArgs(String value) { buildArgs = blankToNull(value); }
    @DataBoundSetter public void setBuildSecrets(String value) { buildSecrets = blankToNull(value); }

    @Override
    ComposeOptions toOptions() {
        return super.toOptions().noCache(noCache).pull(pull).removeOrphans(removeOrphans)
                .rollbackOnFailure(rollbackOnFailure).buildArgs(ComposeOptions.split(buildArgs))
                .buildSecrets(ComposeOptions.split(buildSecrets));
    }

    @Override
    public StepExecution start(StepContext context) {
        return new ComposeExecution(context, NAME, false, getReportDir(), this::toOptions);
    }

    @Extension
    @Symbol(NAME)
    public static final class DescriptorImpl extends ComposeDescriptor {
        @Override
        public String getFunctionName() {
            return NAME;
        }

        @Override
        public String getDisplayName() {
            return "Rebuild a docker-compose project, prove it runs the new images, roll back if not";
        }

        @POST
        public FormValidation doCheckBuildArgs(@QueryParameter String value) {
            return envNames("buildArgs", value);
        }

        @POST
        public FormValidation doCheckBuildSecrets(@QueryParameter String value) {
            return envNames("buildSecrets", value);
        }

        private static FormValidation envNames(String name, String value) {
            return form(StepFailures.check(() -> ComposeOptions.requireEnvNames(name, ComposeOptions.split(value))));
        }
    }
}
