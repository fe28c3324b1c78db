package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord;
import io.jenkins.plugins.deploygates.engine.railway.PostDeployChecks;
import io.jenkins.plugins.deploygates.engine.railway.RailwayUp;
import io.jenkins.plugins.deploygates.engine.railway.RailwayUpConfig;
import io.jenkins.plugins.deploygates.engine.railway.WaitInterruptedException;
import io.jenkins.plugins.deploygates.engine.railway.upload.ArchiveOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code railway-up}: the railwayUp step outside Jenkins. Exit 0 only on a verdict of SUCCESS (or --detach). */
@Command(name = "railway-up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Upload a directory to a Railway service and wait for a deploy verdict you can trust.",
            "Token: RAILWAY_TOKEN (project token) or RAILWAY_API_TOKEN (account or workspace token)."})
public final class RailwayUpCommand implements Callable<Integer> {
    static final String RECORD = "railway-deployment.json";

    @Spec
    CommandSpec spec;

    @Mixin
    RailwayOptions railway;

    @Option(names = "--path", defaultValue = ".", paramLabel = "DIR",
            description = "Directory to deploy (default: .). Its files are named from the current directory, as"
                    + " railway up names them: --path apps/api arrives as apps/api/... (for a Root Directory).")
    Path path;

    @Option(names = "--path-as-root", description = "Name the files from --path itself (railway up --path-as-root).")
    boolean pathAsRoot;

    @Option(names = "--no-gitignore", description = "Upload files that .gitignore excludes (.railwayignore and"
            + " .ignore still apply), as railway up --no-gitignore.")
    boolean noGitignore;

    @Option(names = "--message", paramLabel = "M", description = "Deployment message shown in Railway.")
    String message;

    @Option(names = "--detach", description = "Return right after the upload, without a verdict.")
    boolean detach;

    @Option(names = "--allow-skipped", description = "Accept SKIPPED (nothing deployed) as a pass.")
    boolean allowSkipped;

    @Option(names = "--wait-for-approval", description = "Wait on NEEDS_APPROVAL instead of failing at once.")
    boolean waitForApproval;

    @Option(names = "--stable-for", defaultValue = "0s", paramLabel = "D",
            description = "SUCCESS must hold this long (a crash within it fails).")
    Duration stableFor;

    @Option(names = "--required-variable", paramLabel = "NAME", split = ",",
            description = "Variable the service must have in the environment; repeat or separate with commas.")
    List<String> requiredVariables = new ArrayList<>();

    @Option(names = "--health-check", paramLabel = "PATH|URL", description = "Health gate after SUCCESS, such as /health.")
    String healthCheck;

    @Option(names = "--health-check-timeout", defaultValue = "5m", paramLabel = "D",
            description = "Longest the health gate after SUCCESS may take (default ${DEFAULT-VALUE}).")
    Duration healthCheckTimeout;

    @Option(names = "--expect-version", paramLabel = "V", description = "Version (commit SHA) the version endpoint must report.")
    String expectVersion;

    @Option(names = "--version-url", paramLabel = "PATH|URL", description = "Version endpoint (default /version).")
    String versionUrl;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Write railway-deployment.json here.")
    Path reportDir;

    @Override
    public Integer call() throws Exception {
        RailwayUpConfig config = config();
        if (reportDir != null) {
            OutputPaths.requireWritableFolder("--report-dir", reportDir);
        }
        ProgressLog out = ProgressLog.to(spec.commandLine().getOut());
        // written once when the upload is accepted (so a killed process leaves the deployment id) and again at the end
        RailwayUp up = new RailwayUp(railway.connect(out),
                uploaded -> RailwayOptions.writeRecord(reportDir, RECORD, uploaded, null));
        DeploymentRecord record;
        try (StopSignals.Section section = StopSignals.interruptible()) {
            record = up.run(config);
        } catch (WaitInterruptedException e) {
            // Ctrl-C or SIGTERM after the upload: cancel what has not gone live, as Railway's "Abort" button does
            DeploymentRecord abandoned = up.abandon(e.record());
            RailwayOptions.writeRecord(reportDir, RECORD, abandoned, out);
            throw StoppedException.after("after the upload: " + StoppedException.clause(abandoned.reason), reportDir,
                    RECORD);
        } catch (InterruptedException e) {
            throw StoppedException.after("before Railway had accepted an upload, so there is no deployment to follow",
                    reportDir, RECORD);
        }
        RailwayOptions.writeRecord(reportDir, RECORD, record, out);
        record.requirePassed();
        return ExitCode.PASSED;
    }

    RailwayUpConfig config() {
        return new RailwayUpConfig(path, railway.project, railway.environmentName, railway.service, message,
                requiredVariables, railway.follow(stableFor, allowSkipped, waitForApproval), detach,
                new PostDeployChecks(healthCheck, healthCheckTimeout, expectVersion, versionUrl),
                Path.of("").toAbsolutePath(), new ArchiveOptions(pathAsRoot, noGitignore));
    }
}
