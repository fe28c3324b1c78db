package io.jenkins.plugins.deploygates.engine.railway.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload's ignore matcher against git itself: a generated tree with tricky .gitignore files at three
 * levels, and the files git reports as not ignored must be exactly the files the archive holds.
 */
class IgnoreRulesGitTest {
    private static final String[] DIRS = {"", "sub", "sub/inner", "build", "dist", "docs", "docs/a/b", "foo",
        "foo/bar", "cache", "x/cache", "logs", "a/m/n", "a", "nested/deeper", "src/nested/deeper", "sub/local",
        "sub/x/local", "sub/out", "src/dist", "weird [dir]"};
    private static final String[] NAMES = {"app.js", "debug.log", "important.log", "secret1.txt", "secretAB.txt",
        "ax.bin", "dx.bin", "ay.dat", "dy.dat", "keep.txt", "notes.txt", "z", "keep.me", "#hash.txt",
        "trailing.txt", "main.o", "page.tmp", "xfile", "out", "dist", ".env", "!bang", "space name.md"};

    @TempDir
    Path dir;

    @Test
    void archiveHoldsExactlyTheFilesGitDoesNotIgnore() throws Exception {
        generateTree();
        git("init", "-q");
        Set<String> gitKeeps = new TreeSet<>(lines(git("ls-files", "--others", "--exclude-standard", "-z")
                .replace('\0', '\n')));
        Set<String> gitIgnores = new TreeSet<>(lines(git("ls-files", "--others", "--ignored", "--exclude-standard",
                "-z").replace('\0', '\n')));

        Set<String> archived = ArchivePlan.of(dir, ProgressLog.discard()).entries().stream()
                .filter(e -> !e.directory()).map(ArchivePlan.Entry::name).collect(Collectors.toCollection(TreeSet::new));

        assertThat(gitKeeps).hasSizeGreaterThan(100);
        assertThat(gitIgnores).hasSizeGreaterThan(100);
        assertThat(archived).isEqualTo(gitKeeps);
        assertThat(checkIgnore(archived)).as("git check-ignore on archived files").isEmpty();
        assertThat(checkIgnore(gitIgnores)).as("git check-ignore on the files left out").isEqualTo(gitIgnores);
    }

    @Test
    void railwayignoreBeatsGitignoreAndIgnoreAppliesWithoutGit() throws Exception {
        write(".gitignore", "dist/\n*.log\n");
        write(".railwayignore", "!dist/\nsecrets.json\n");
        write(".ignore", "tmp/\n");
        write("dist/bundle.js", "x");
        write("debug.log", "x");
        write("secrets.json", "{}");
        write("tmp/scratch", "x");
        write("node_modules/left-pad/index.js", "x");
        write("lib/node_modules/x.js", "x");
        write("app.js", "x");

        assertThat(archivedFiles()).containsExactlyInAnyOrder(".gitignore", ".railwayignore", ".ignore", "app.js",
                "dist/bundle.js", "debug.log");

        git("init", "-q");
        assertThat(archivedFiles()).containsExactlyInAnyOrder(".gitignore", ".railwayignore", ".ignore", "app.js",
                "dist/bundle.js");
    }

    @Test
    void gitignoreOfTheRepositoryAppliesWhenDeployingASubdirectory() throws Exception {
        git("init", "-q");
        write(".gitignore", "*.secret\n/backend/generated/\n");
        write("backend/app.js", "x");
        write("backend/key.secret", "x");
        write("backend/generated/a.js", "x");
        assertThat(ArchivePlan.of(dir.resolve("backend"), dir, ArchiveOptions.defaults(), ProgressLog.discard()).entries())
                .extracting(ArchivePlan.Entry::name).containsExactly("backend", "backend/app.js");
    }

    private List<String> archivedFiles() throws IOException {
        return ArchivePlan.of(dir, ProgressLog.discard()).entries().stream().filter(e -> !e.directory())
                .map(ArchivePlan.Entry::name).collect(Collectors.toList());
    }

    private void generateTree() throws IOException {
        write(".gitignore", String.join("\n", "# comment", "*.log", "!important.log", "build/", "/dist", "docs/**/*.tmp",
                "**/cache", "secret?.txt", "[abc]x.bin", "[!d]y.dat", "foo/**", "!foo/keep.me", "logs/",
                "\\#hash.txt", "trailing.txt   ", "*.o", "a/**/z", "nested/deeper/", "\\!bang", "weird \\[dir]/z",
                "space\\ name.md", "docs/*.js", "sub/*/local/*.md", ""));
        write("sub/.gitignore", String.join("\n", "*.txt", "!keep.txt", "/local", "out", "!important.log", ""));
        write("sub/inner/.gitignore", String.join("\n", "!*.log", "x*", "!secret1.txt", ""));
        for (String d : DIRS) {
            Files.createDirectories(dir.resolve(d));
        }
        for (String d : DIRS) {
            for (String n : NAMES) {
                Path f = dir.resolve(d).resolve(n);
                if (!Files.isDirectory(f)) {
                    Files.writeString(f, d + "/" + n);
                }
            }
        }
    }

    private void write(String path, String content) throws IOException {
        Path f = dir.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
    }

    private Set<String> checkIgnore(Set<String> paths) throws Exception {
        return new TreeSet<>(lines(run(String.join("\n", paths) + "\n", "git", "check-ignore", "--stdin")));
    }

    private String git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return run("", command.toArray(new String[0]));
    }

    /** Runs git in the tree, with no user or system configuration (no global excludes file). */
    private String run(String input, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("HOME", dir.toString());
        env.put("XDG_CONFIG_HOME", dir.resolve(".git-xdg").toString());
        Process p = pb.start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isEmpty()).collect(Collectors.toList());
    }
}
