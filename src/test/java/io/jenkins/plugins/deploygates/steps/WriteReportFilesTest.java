package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the steps write their records in the workspace: the code being deployed owns that workspace and may have
 * planted links in it, so every write is checked by real path and never goes through a link.
 */
class WriteReportFilesTest {
    @TempDir
    Path workspace;
    @TempDir
    Path outside;

    private static Map<String, byte[]> record(String text) {
        return Map.of("health-gate.json", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesIntoTheFolderAndAnswersThePathsRelativeToTheWorkspace() throws Exception {
        assertThat(new WriteReportFiles("reports/staging", record("{}")).invoke(workspace.toFile(), null))
                .containsExactly("reports/staging/health-gate.json");
        assertThat(workspace.resolve("reports/staging/health-gate.json")).hasContent("{}");
    }

    @Test
    void aFolderPlantedAsALinkOutOfTheWorkspaceIsRefusedAndNothingIsWrittenThere() throws Exception {
        Files.createSymbolicLink(workspace.resolve("reports"), outside);

        assertThatThrownBy(() -> new WriteReportFiles("reports", record("{}")).invoke(workspace.toFile(), null))
                .isInstanceOf(IOException.class)
                .hasMessage("reportDir 'reports' leads outside the workspace through a link: remove the link or give"
                        + " another folder.");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aLinkPlantedAtTheRecordsNameIsReplacedNotWrittenThrough() throws Exception {
        Path victim = Files.writeString(outside.resolve("victim"), "untouched");
        Files.createDirectories(workspace.resolve("reports"));
        Files.createSymbolicLink(workspace.resolve("reports/health-gate.json"), victim);

        new WriteReportFiles("reports", record("{\"verdict\":\"PASS\"}")).invoke(workspace.toFile(), null);

        assertThat(victim).hasContent("untouched");
        assertThat(workspace.resolve("reports/health-gate.json")).isRegularFile().hasContent("{\"verdict\":\"PASS\"}");
    }

    @Test
    void aFolderOutsideTheWorkspaceByNameIsRefused() {
        assertThatThrownBy(() -> new WriteReportFiles("../elsewhere", record("{}")).invoke(workspace.toFile(), null))
                .hasMessage("reportDir '../elsewhere' points outside the workspace: give a relative folder.");
    }
}
