package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.Util;
import org.junit.jupiter.api.Test;

/** The form checks the Snippet Generator shows call the same validators the steps call at run time. */
class StepFormChecksTest {
    @Test
    void railwayFormsCheckWhatTheStepsCheck() {
        RailwayUpStep.DescriptorImpl up = new RailwayUpStep.DescriptorImpl();
        assertThat(up.doCheckService(" ").getMessage()).isEqualTo("service is required: give the Railway service name or id.");
        assertThat(up.doCheckService("api").getMessage()).isNull();
        assertThat(up.doCheckTimeout("5").getMessage()).contains("has no unit");
        assertThat(up.doCheckTimeout("20m").getMessage()).isNull();
        assertThat(up.doCheckTokenKind("root").getMessage()).contains(Util.escape("write 'project' or 'account'"));
        assertThat(up.doCheckRequiredVariables("DATABASE_URL\n9lives").getMessage()).contains(Util.escape("'9lives'"));
        assertThat(up.doCheckRequiredVariables("DATABASE_URL\n\nREDIS_URL\n").getMessage()).isNull();
        assertThat(up.getRequiredContext().contains(FilePath.class)).isTrue();
        assertThat(new RailwayRollbackStep.DescriptorImpl().getRequiredContext().contains(FilePath.class))
                .as("a rollback needs no workspace").isFalse();
    }

    @Test
    void composeFormsCheckWhatTheStepsCheck() {
        DockerRebuildStep.DescriptorImpl rebuild = new DockerRebuildStep.DescriptorImpl();
        assertThat(rebuild.doCheckStableFor("30s").getMessage()).isNull();
        assertThat(rebuild.doCheckStableFor("half a minute").getMessage()).contains("is not a duration");
        assertThat(rebuild.doCheckProjectName("Shop!").getMessage()).isNotNull();
        assertThat(rebuild.doCheckBuildSecrets("NPM_TOKEN, 1BAD").getMessage()).contains("1BAD");
        assertThat(new DockerRollbackStep.DescriptorImpl().doCheckWaitTimeout("3m").getMessage()).isNull();
        assertThat(rebuild.doCheckFile("../elsewhere/compose.yml").kind).isEqualTo(hudson.util.FormValidation.Kind.WARNING);
    }
}
