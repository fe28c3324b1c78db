package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.report.DeployGatesReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code report}: render a report directory into deploy-gates-report.html and its stylesheet beside it. Each
 * record it skips is named on stderr with the reason; the page is still written from the others.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Render the records in a report directory into one HTML page (deploy-gates-report.html) "
                + "and its stylesheet (deploy-gates-report.css), written side by side.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR",
            description = "The report directory the steps wrote into (sub-folders are read too).")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "The page to write (default: DIR/"
            + DeployGatesReport.FILE + "); " + DeployGatesReport.STYLESHEET + " is written beside it.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (out != null && Files.isDirectory(dir)) { // a missing --dir, or an --out that is a folder, is the engine's
            OutputPaths.requireWritableFolderOf("--out", out);
        } else if (Files.isDirectory(dir)) {
            OutputPaths.requireWritableFolder("--dir", dir);
        }
        ProgressLog warnings = ProgressLog.to(spec.commandLine().getErr());
        DeployGatesReport.Written written = new DeployGatesReport(Redactor.byShape(), Clock.systemUTC(),
                line -> warnings.line("report: " + line)).write(dir, out);
        spec.commandLine().getOut().println("report: " + written.page());
        spec.commandLine().getOut().println("report: " + written.stylesheet());
        return ExitCode.PASSED;
    }
}
