package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord;
import io.jenkins.plugins.deploygates.engine.railway.PostDeployChecks;
import io.jenkins.plugins.deploygates.engine.railway.RailwayRollback;
import io.jenkins.plugins.deploygates.engine.railway.WaitInterruptedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code railway-rollback}: put back the deployment that served before, and wait for its verdict. */
@Command(name = "railway-rollback", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Roll a Railway service back to the deployment before the current one, or to --to ID.",
            "Token: RAILWAY_TOKEN (project token) or RAILWAY_API_TOKEN (account or workspace token)."})
public final class RailwayRollbackCommand implements Callable<Integer> {
    static final String RECORD = "railway-rollback.json";

    @Spec
    CommandSpec spec;

    @Mixin
    RailwayOptions railway;

    @Option(names = "--to", paramLabel = "ID", description = "Deployment id to roll back to.")
    String to;

    @Option(names = "--health-check", paramLabel = "URL", description = "Health gate once the rollback is live.")
    String healthCheck;

    @Option(names = "--health-check-timeout", defaultValue = "5m", paramLabel = "D",
            description = "Longest the health gate after the rollback may take (default ${DEFAULT-VALUE}).")
    Duration healthCheckTimeout;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Write railway-rollback.json here.")
    Path reportDir;

    @Override
    public Integer call() throws Exception {
        if (reportDir != null) {
            OutputPaths.requireWritableFolder("--report-dir", reportDir);
        }
        ProgressLog out = ProgressLog.to(spec.commandLine().getOut());
        RailwayRollback rollback = new RailwayRollback(railway.connect(out));
        DeploymentRecord record;
        try (StopSignals.Section section = StopSignals.interruptible()) {
            record = rollback.run(new RailwayRollback.Config(railway.project, railway.environmentName,
                    railway.service, to, railway.follow(Duration.ZERO, false, false),
                    new PostDeployChecks(healthCheck, healthCheckTimeout, null, null)));
        } catch (WaitInterruptedException e) {
            // a rollback is never cancelled: Railway goes on with it, and the record names the deployment to follow
            RailwayOptions.writeRecord(reportDir, RECORD, e.record(), out);
            throw StoppedException.after("during the rollback: " + StoppedException.clause(e.record().reason),
                    reportDir, RECORD);
        } catch (InterruptedException e) {
            throw StoppedException.after("before Railway had started a rollback", reportDir, RECORD);
        }
        RailwayOptions.writeRecord(reportDir, RECORD, record, out);
        record.requirePassed();
        return ExitCode.PASSED;
    }
}
