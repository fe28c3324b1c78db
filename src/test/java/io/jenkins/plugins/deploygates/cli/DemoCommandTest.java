package io.jenkins.plugins.deploygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: the demo passes on a fresh machine and leaves its reports. */
class DemoCommandTest {
    @Test
    void theDemoPassesAndPrintsTheVerdictAndReportPaths(@TempDir Path reports) throws Exception {
        CliRun run = CliRun.of("demo", "--healthy-after", "1500ms", "--watch", "500ms", "--report-dir", reports.toString());

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.err).isEmpty();
        // whether a probe still sees the 503 depends on how fast this machine starts the gate: not asserted
        assertThat(run.out).contains("demo: example service on http://127.0.0.1:")
                .contains("[healthGate] await http://127.0.0.1:").contains("PASS: healthy after")
                .contains("report: " + reports.resolve("health-gate.json"))
                .contains("demo: every gate passed");
        assertThat(Files.readString(reports.resolve("health-gate.json"))).contains("\"healthy\" : true");
        assertThat(run.out).contains("demo: example login service on http://127.0.0.1:")
                .contains("PASSED email received").contains("PASSED expired token rejected")
                .contains("PASSED rate limit present").contains("PASSED Retry-After honoured").contains("report: " + reports.resolve("smoke-auth-junit.xml"))
                .doesNotContainPattern("[0-9a-f]{32,}");
        assertThat(Files.readString(reports.resolve("smoke-auth-junit.xml"))).contains("tests=\"11\" failures=\"0\"");
        Path page = reports.resolve("deploy-gates-report.html").toAbsolutePath();
        assertThat(run.out).contains("report: " + page);
        assertThat(Files.readString(page)).contains("<svg class=\"chart\"").contains("data-target=\"http://127.0.0.1:")
                .contains(">PASS<");
    }
}
