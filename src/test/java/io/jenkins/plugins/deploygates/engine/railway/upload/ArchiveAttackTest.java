package io.jenkins.plugins.deploygates.engine.railway.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repository content written as an attacker (or an unlucky build) would write it, against the upload's archive. */
class ArchiveAttackTest {
    @TempDir
    Path dir;
    @TempDir
    Path scratch;

    private final List<String> log = new ArrayList<>();

    private List<String> files() throws Exception {
        return ArchivePlan.of(dir, dir, ArchiveOptions.defaults(), log::add, Map.of()).entries().stream()
                .filter(e -> !e.directory()).map(ArchivePlan.Entry::name).toList();
    }

    @Test
    void anIgnoreLineBuiltToBacktrackIsMatchedInLinearTime() throws Exception {
        Files.writeString(dir.resolve(".railwayignore"), "*a".repeat(25) + "*b\n");
        Files.writeString(dir.resolve("a".repeat(100) + "c"), "x");
        Files.writeString(dir.resolve("a".repeat(30) + "b"), "x");

        List<String> files = assertTimeoutPreemptively(Duration.ofSeconds(30), this::files);

        assertThat(files).containsExactlyInAnyOrder(".railwayignore", "a".repeat(100) + "c");
    }

    @Test
    void anIgnoreFileInLatin1IsReadAsRailwayUpReadsItAndTheDeployGoesOn() throws Exception {
        byte[] latin1 = "*.log\ncaf\u00e9/\n*.tmp\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve(".railwayignore"), latin1);
        Files.writeString(dir.resolve("app.js"), "x");
        Files.writeString(dir.resolve("debug.log"), "x");
        Files.writeString(dir.resolve("scratch.tmp"), "x");

        assertThat(files()).containsExactlyInAnyOrder(".railwayignore", "app.js", "scratch.tmp");
        assertThat(log).anySatisfy(l -> assertThat(l).contains(".railwayignore is not UTF-8 from line 2 on",
                "Save it as UTF-8"));
    }

    @Test
    void aFileThatGrowsWhileArchivedFailsTheArchiveInsteadOfBeingCut() throws Exception {
        Files.writeString(dir.resolve("app.log"), "first line\n");
        ArchivePlan plan = ArchivePlan.of(dir, ProgressLog.discard());
        Files.writeString(dir.resolve("app.log"), "first line\nsecond line\n");

        assertThatThrownBy(() -> new TarGzWriter().write(plan, new ByteArrayOutputStream()))
                .isInstanceOf(ArchiveException.class)
                .hasMessage("'app.log' changed size while the archive was built (11 bytes when the directory was read,"
                        + " more when it was copied): stop whatever writes to it during the deploy, or add it to"
                        + " .railwayignore, then run again.");
    }

    @Test
    void aFileThatShrinksWhileArchivedFailsTheArchiveInsteadOfBeingPadded() throws Exception {
        Files.writeString(dir.resolve("app.log"), "first line\nsecond line\n");
        ArchivePlan plan = ArchivePlan.of(dir, ProgressLog.discard());
        Files.writeString(dir.resolve("app.log"), "first");

        assertThatThrownBy(() -> new TarGzWriter().write(plan, new ByteArrayOutputStream()))
                .isInstanceOf(ArchiveException.class).hasMessageContaining("(23 bytes when the directory was read, 5"
                        + " bytes when it was copied)");
    }

    @Test
    void aFifoSwappedInAfterTheWalkDoesNotHangTheUpload() throws Exception {
        Files.writeString(dir.resolve("data.bin"), "payload");
        ArchivePlan plan = ArchivePlan.of(dir, ProgressLog.discard());
        Files.delete(dir.resolve("data.bin"));
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("data.bin").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(
                () -> new TarGzWriter().write(plan, new ByteArrayOutputStream())).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("'data.bin' stopped being a regular file while the archive was built"));
    }

    @Test
    void aFailedArchiveLeavesNoSpoolFileBehind() throws Exception {
        Files.writeString(dir.resolve("app.log"), "first line\n");
        ArchivePlan plan = ArchivePlan.of(dir, ProgressLog.discard());
        Files.writeString(dir.resolve("app.log"), "changed!");
        long before = spoolFiles();

        assertThatThrownBy(() -> SpooledArchive.of(plan)).isInstanceOf(ArchiveException.class);
        assertThat(spoolFiles()).isEqualTo(before);
    }

    private static long spoolFiles() throws Exception {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("deploy-gates-railway-up-")).count();
        }
    }

    @Test
    void aNonAsciiFileNameIsArchivedUnderItsOwnNameInAPosixLocale() throws Exception {
        Files.createDirectories(dir.resolve("caf\u00e9"));
        Files.writeString(dir.resolve("caf\u00e9/men\u00fc.txt"), "cr\u00e8me");
        Path archive = scratch.resolve("out.tar.gz");
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PosixLocaleArchive.class.getName(), dir.toString(),
                archive.toString()).redirectErrorStream(true);
        child.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG"));
        child.environment().put("LC_ALL", "C");
        Process p = child.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("sun.jnu.encoding=ANSI_X3.4-1968");
        assertThat(TarContents.read(Files.readAllBytes(archive))).containsEntry("caf\u00e9/men\u00fc.txt", "cr\u00e8me")
                .containsKey("caf\u00e9");
    }

    @Test
    void theWorkspaceContainsWhatIsDeployed() throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("ws"));
        Files.createDirectories(workspace.resolve("backend"));
        Files.createDirectories(dir.resolve("neighbour"));
        Files.createSymbolicLink(workspace.resolve("out"), dir.resolve("neighbour"));

        assertThat(WorkspacePath.resolve(workspace, "backend")).isEqualTo(workspace.resolve("backend"));
        assertThat(WorkspacePath.resolve(workspace, null)).isEqualTo(workspace);
        assertThatThrownBy(() -> WorkspacePath.resolve(workspace, "/etc")).isInstanceOf(ConfigurationException.class)
                .hasMessage("path '/etc' is absolute: give a directory inside the workspace, such as 'backend'.");
        assertThatThrownBy(() -> WorkspacePath.resolve(workspace, "backend/../../neighbour"))
                .isInstanceOf(ConfigurationException.class).hasMessage("path 'backend/../../neighbour' leads outside"
                        + " the workspace: give a directory inside it, such as 'backend'.");
        assertThatThrownBy(() -> WorkspacePath.resolve(workspace, "out")).isInstanceOf(ConfigurationException.class)
                .hasMessage("path 'out' leads outside the workspace through a symbolic link: give a directory inside"
                        + " it.");
    }
}
