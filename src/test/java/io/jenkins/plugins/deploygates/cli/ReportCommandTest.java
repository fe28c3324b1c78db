package io.jenkins.plugins.deploygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report --dir DIR [--out FILE]}: 0 when the page is written, 2 when there is nothing to report. */
class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesThePageIntoTheDirectoryAndPrintsItsPath() throws Exception {
        Json.write(dir.resolve("staging/smoke-auth.json"), Map.of("checks", List.of(Map.of("name", "login", "passed", true))));

        CliRun run = CliRun.of("report", "--dir", dir.toString());

        Path page = dir.resolve("deploy-gates-report.html").toAbsolutePath();
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out.trim().lines()).containsExactly("report: " + page,
                "report: " + dir.resolve("deploy-gates-report.css").toAbsolutePath());
        assertThat(run.err).isEmpty();
        assertThat(Files.readString(page)).contains("Smoke checks").contains(">login<");
    }

    @Test
    void writesWhereOutSays() throws Exception {
        Json.write(dir.resolve("docker-rebuild.json"), Map.of("services", List.of(Map.of("name", "web")), "rolledBack", false));
        Path out = dir.resolve("site/index.html");

        CliRun run = CliRun.of("report", "--dir", dir.toString(), "--out", out.toString());

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(Files.readString(out)).contains("Compose services");
        assertThat(dir.resolve("deploy-gates-report.html")).doesNotExist();
    }

    @Test
    void aMissingDirectoryIsExitTwoWithOneSentence() {
        CliRun run = CliRun.of("report", "--dir", dir.resolve("nope").toString());

        assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
        assertOneSentence(run.err, "report: dir '" + dir.resolve("nope") + "' is not a directory");
    }

    @Test
    void aCorruptRecordAmongGoodOnesIsNamedOnStderrAndThePageIsWritten() throws Exception {
        Json.write(dir.resolve("smoke-auth.json"), Map.of("checks", List.of(Map.of("name", "login", "passed", true))));
        Files.writeString(dir.resolve("health-gate.json"), "{\"verdict\": ");

        CliRun run = CliRun.of("report", "--dir", dir.toString());

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.err.trim()).isEqualTo("report: skipped health-gate.json: not valid JSON (line 1, column 13)");
        assertThat(Files.readString(dir.resolve("deploy-gates-report.html"))).contains(">login<");
    }

    @Test
    void aCorruptRecordAloneIsNamedNotCalledMissing() throws Exception {
        Files.writeString(dir.resolve("health-gate.json"), "{\"verdict\": ");

        CliRun run = CliRun.of("report", "--dir", dir.toString());

        assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
        assertOneSentence(run.err, "report: dir '" + dir + "' holds no readable Deploy Gates record: "
                + "health-gate.json: not valid JSON (line 1, column 13).");
    }

    @Test
    void aDirectoryWithNothingToReportIsExitTwo() throws Exception {
        Files.writeString(dir.resolve("health-gate-junit.xml"), "<testsuite/>");

        CliRun run = CliRun.of("report", "--dir", dir.toString());

        assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
        assertOneSentence(run.err, "report: dir '" + dir + "' holds no Deploy Gates record");
        assertThat(dir.resolve("deploy-gates-report.html")).doesNotExist();
    }

    @Test
    void forgettingDirIsExitTwo() {
        CliRun run = CliRun.of("report");

        assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(run.err).contains("Missing required option: '--dir=DIR'").doesNotContain("\tat ");
    }

    @Test
    void anOutputUnderAFileIsExitTwoWithOneSentenceBeforeAnythingIsRead() throws Exception {
        Json.write(dir.resolve("smoke-auth.json"), Map.of("checks", List.of()));
        Files.writeString(dir.resolve("file"), "not a directory");

        CliRun underAFile = CliRun.of("report", "--dir", dir.toString(), "--out",
                dir.resolve("file/report.html").toString());

        assertThat(underAFile.exitCode).isEqualTo(ExitCode.USAGE);
        assertOneSentence(underAFile.err, "report: --out '" + dir.resolve("file/report.html") + "': its folder cannot be"
                + " created ('" + dir.resolve("file") + "' is a file): give a path you can write to.");
    }

    private static void assertOneSentence(String err, String start) {
        assertThat(err).startsWith(start).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(err.trim().lines()).hasSize(1);
    }
}
