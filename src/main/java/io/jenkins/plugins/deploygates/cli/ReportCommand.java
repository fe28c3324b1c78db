package io.jenkins.plugins.deploygates.cli;

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

/** {@code report}: render a report directory into one self-contained deploy-gates-report.html. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Render the records in a report directory into one self-contained HTML page.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR",
            description = "The report directory the steps wrote into (sub-folders are read too).")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "The page to write (default: DIR/"
            + DeployGatesReport.FILE + ").")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (out != null && Files.isDirectory(dir)) { // a missing --dir is the engine's to name
            OutputPaths.requireWritableFile("--out", out);
        } else if (Files.isDirectory(dir)) {
            OutputPaths.requireWritableFolder("--dir", dir);
        }
        Path written = new DeployGatesReport(Redactor.byShape(), Clock.systemUTC()).write(dir, out);
        spec.commandLine().getOut().println("report: " + written);
        return ExitCode.PASSED;
    }
}
