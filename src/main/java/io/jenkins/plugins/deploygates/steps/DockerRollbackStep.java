package io.jenkins.plugins.deploygates.steps;

import hudson.Extension;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code dockerRollback(file: 'docker-compose.yml')}: puts back the images the last {@code dockerRebuild}
 * replaced (it keeps them tagged {@code deploy-gates-previous}), recreates the containers and verifies them.
 * Returns the same Map as dockerRebuild.
 */
public final class DockerRollbackStep extends ComposeStep {
    static final String NAME = "dockerRollback";

    /** @param file compose file(s), comma separated; empty means docker-compose.yml */
    @DataBoundConstructor
    public DockerRollbackStep(String file) {
        super(file);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new ComposeExecution(context, NAME, true, getReportDir(), this::toOptions);
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
            return "Roll a docker-compose project back to the images the last dockerRebuild replaced";
        }
    }
}
