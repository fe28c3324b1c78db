package io.jenkins.plugins.deploygates.steps;

import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord;
import io.jenkins.plugins.deploygates.engine.railway.FollowOptions;
import io.jenkins.plugins.deploygates.engine.railway.RailwayConnection;
import io.jenkins.plugins.deploygates.engine.railway.RailwayRollback;
import io.jenkins.plugins.deploygates.engine.railway.RailwayToken;
import io.jenkins.plugins.deploygates.engine.railway.RailwayUp;
import io.jenkins.plugins.deploygates.engine.railway.RailwayUpConfig;
import java.time.Duration;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code railwayRollback(service: 'api', environment: 'production')}: restores the deployment that served
 * before the current one (or {@code to}), waits for it like a deploy and returns the same Map as railwayUp
 * plus {@code rolledBackTo}.
 */
public final class RailwayRollbackStep extends RailwayStep {
    static final String NAME = "railwayRollback";

    private String to;

    @DataBoundConstructor
    public RailwayRollbackStep(String service) {
        super(service);
    }

    public String getTo() { return to; }

    @DataBoundSetter public void setTo(String value) { to = trim(value); }

    RailwayRollback.Config toConfig() {
        RailwayUpConfig.checkService(getService());
        return new RailwayRollback.Config(getProject(), getEnvironment(), getService(), to, follow(),
                postDeployChecks(null, null));
    }

    private FollowOptions follow() {
        return follow(Duration.ZERO, false, false);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /** Waits on a pool thread: waiting for the rolled-back deployment takes minutes. */
    static final class Execution extends RailwayExecution {
        private static final long serialVersionUID = 1L;
        private final transient RailwayRollbackStep step;

        Execution(StepContext context, RailwayRollbackStep step) {
            super(context, NAME, step, step.follow(), step.postDeployChecks(null, null));
            this.step = step;
        }

        @Override
        DeploymentRecord deploy(RailwayConnection railway, RailwayToken token, RailwayUp.RecordSink early)
                throws Exception {
            return new RailwayRollback(railway, early).run(step.toConfig());
        }

        /** Only before the rollback's deployment was known: after that, a restart follows it again. */
        @Override
        protected String afterRestart() {
            return NAME + ": a Jenkins restart cut off the rollback of '" + service + "' before its deployment"
                    + " appeared. If Railway had accepted it, it goes on: check the service in the Railway dashboard,"
                    + " and run railwayRollback again if no rollback started.";
        }
    }

    @Extension
    @Symbol(NAME)
    public static final class DescriptorImpl extends RailwayDescriptor {
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
    }
}
