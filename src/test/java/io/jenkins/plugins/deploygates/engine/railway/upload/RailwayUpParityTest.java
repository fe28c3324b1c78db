package io.jenkins.plugins.deploygates.engine.railway.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same monorepo archived both ways, entry for entry against what {@code railway up} 5.43.1 puts in its archive
 * (its {@code create_deploy_tarball}: the walk root and what the {@code ignore} crate keeps below it, named
 * relative to the prefix by the {@code tar} crate, which writes {@code apps/api/x} and {@code .} for the prefix
 * itself, with each file's mode):
 * <pre>
 *   above/.ignore              *.bak                   (above the repository: .ignore counts up to /)
 *   above/.gitignore           *.md                    (above the repository's top: not read)
 *   above/repo/.git/
 *   above/repo/.gitignore      dist/  *.log
 *   above/repo/apps/api/.railwayignore   secret.txt  !keep.log
 * </pre>
 */
class RailwayUpParityTest {
    @TempDir
    Path dir;

    private Path repo;
    private Path api;

    @BeforeEach
    void tree() throws Exception {
        Path above = Files.createDirectories(dir.resolve("above"));
        repo = Files.createDirectories(above.resolve("repo"));
        api = Files.createDirectories(repo.resolve("apps/api"));
        write(above.resolve(".ignore"), "*.bak\n");
        write(above.resolve(".gitignore"), "*.md\n");
        Files.createDirectories(repo.resolve(".git/info"));
        write(repo.resolve(".gitignore"), "dist/\n*.log\n");
        write(api.resolve(".railwayignore"), "secret.txt\n!keep.log\n");
        write(api.resolve("package.json"), "{}");
        write(api.resolve("README.md"), "read me");
        write(api.resolve("src/index.js"), "listen()");
        write(api.resolve("dist/bundle.js"), "built");
        write(api.resolve("debug.log"), "noise");
        write(api.resolve("keep.log"), "kept");
        write(api.resolve("old.bak"), "old");
        write(api.resolve("secret.txt"), "s3cret");
        write(api.resolve("node_modules/left-pad/index.js"), "dep");
        write(api.resolve("run.sh"), "#!/bin/sh");
        Files.setPosixFilePermissions(api.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        write(api.resolve("private.key"), "key");
        Files.setPosixFilePermissions(api.resolve("private.key"), PosixFilePermissions.fromString("rw-------"));
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private byte[] archive(ArchiveOptions options) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TarGzWriter().write(ArchivePlan.of(api, repo, options, ProgressLog.discard(), Map.of()), out);
        return out.toByteArray();
    }

    private static final List<String> KEPT = List.of("", "/.railwayignore", "/README.md", "/keep.log",
            "/package.json", "/private.key", "/run.sh", "/src", "/src/index.js");

    @Test
    void byDefaultTheNamesStartAtTheProjectDirectoryAsRailwayUpNamesThem() throws Exception {
        byte[] tar = archive(ArchiveOptions.defaults());

        assertThat(new TreeSet<>(TarContents.read(tar).keySet()))
                .containsExactlyElementsOf(new TreeSet<>(KEPT.stream().map(n -> "apps/api" + n).toList()));
        assertThat(TarContents.modes(tar)).containsEntry("apps/api/run.sh", 0750)
                .containsEntry("apps/api/private.key", 0600).containsEntry("apps/api/package.json", 0644);
    }

    @Test
    void withPathAsRootTheNamesStartAtThePathItself() throws Exception {
        byte[] tar = archive(new ArchiveOptions(true, false));

        assertThat(new TreeSet<>(TarContents.read(tar).keySet()))
                .containsExactlyElementsOf(new TreeSet<>(KEPT.stream().map(n -> n.isEmpty() ? "." : n.substring(1))
                        .toList()));
        assertThat(TarContents.modes(tar)).containsEntry("run.sh", 0750).containsEntry("private.key", 0600);
    }

    @Test
    void withNoGitignoreWhatOnlyGitignoreDroppedIsUploaded() throws Exception {
        byte[] tar = archive(new ArchiveOptions(false, true));

        assertThat(TarContents.read(tar).keySet()).contains("apps/api/dist", "apps/api/dist/bundle.js",
                "apps/api/debug.log").doesNotContain("apps/api/secret.txt", "apps/api/old.bak",
                "apps/api/node_modules");
    }
}
