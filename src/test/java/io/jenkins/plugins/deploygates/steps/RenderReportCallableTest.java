package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.TaskListener;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent side of deployGatesReport, as a pure function of (workspace, dir, out): it writes the page and its
 * stylesheet and returns both for one archiveArtifacts call, and a folder planted in the workspace as a link to
 * somewhere else on the agent is refused before anything is read or written through it.
 */
class RenderReportCallableTest {
    @TempDir
    Path tmp;
    private Path workspace;
    private Path outside;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream logger = new PrintStream(console, true, StandardCharsets.UTF_8);
    private final TaskListener listener = () -> logger;

    @BeforeEach
    void aWorkspaceAndAFolderOutsideIt() throws Exception {
        workspace = Files.createDirectories(tmp.resolve("workspace"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Json.write(workspace.resolve("deploy-gates-reports/smoke-auth.json"),
                Map.of("checks", List.of(Map.of("name", "login", "passed", true))));
    }

    private List<String> render(String dir, String out) throws Exception {
        return new RenderReportCallable(dir, out, listener).invoke(workspace.toFile(), null);
    }

    @Test
    void writesThePageAndItsStylesheetAndReturnsBothForArchiving() throws Exception {
        Files.writeString(workspace.resolve("deploy-gates-reports/railway-up.json"), "{\"deploymentId\": ");

        List<String> files = render("deploy-gates-reports", null);

        assertThat(files).containsExactly("deploy-gates-reports/deploy-gates-report.html",
                "deploy-gates-reports/deploy-gates-report.css");
        assertThat(workspace.resolve(files.get(1))).content().contains(".card{");
        assertThat(console.toString(StandardCharsets.UTF_8).trim())
                .isEqualTo("[deployGatesReport] skipped railway-up.json: not valid JSON (line 1, column 18)");
    }

    @Test
    void aReportFolderPlantedAsALinkOutOfTheWorkspaceIsRefused() throws Exception {
        Json.write(outside.resolve("smoke-auth.json"), Map.of("checks", List.of(Map.of("name", "x", "passed", true))));
        Path precious = Files.writeString(outside.resolve("deploy-gates-report.html"), "keep me");
        Files.createSymbolicLink(workspace.resolve("planted"), outside);

        assertThatThrownBy(() -> render("planted", null)).isInstanceOf(ConfigurationException.class)
                .hasMessage("dir 'planted' leads outside the workspace through a symbolic link: give a folder that "
                        + "is really inside the workspace.");
        assertThat(precious).hasContent("keep me");
        assertThat(outside.resolve("deploy-gates-report.css")).doesNotExist();
    }

    @Test
    void aPageFolderPlantedAsALinkOutOfTheWorkspaceIsRefused() throws Exception {
        Path precious = Files.writeString(outside.resolve("index.html"), "keep me");
        Files.createSymbolicLink(workspace.resolve("site"), outside);

        assertThatThrownBy(() -> render("deploy-gates-reports", "site/index.html"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("out 'site/index.html' leads outside the workspace through a symbolic link");
        assertThatThrownBy(() -> render("deploy-gates-reports", "site/new/index.html"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("out 'site/new/index.html' leads outside the workspace through a symbolic link");
        assertThat(precious).hasContent("keep me");
        assertThat(outside.resolve("new")).doesNotExist();
    }

    @Test
    void aLinkThatStaysInsideTheWorkspaceIsFine() throws Exception {
        Files.createSymbolicLink(workspace.resolve("latest"), workspace.resolve("deploy-gates-reports"));

        List<String> files = render("latest", "site/index.html");

        assertThat(files).containsExactly("site/index.html", "site/deploy-gates-report.css");
        assertThat(workspace.resolve("site/index.html")).content().contains("login");
    }
}
