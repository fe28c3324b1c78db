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
 * The user's global gitignore (core.excludesFile), which {@code railway up} honours: where it is looked for, that
 * it ranks below every ignore file of the repository, and that the archive then holds exactly what git keeps.
 */
class GlobalGitignoreTest {
    @TempDir
    Path dir;

    @Test
    void defaultLocationIsGitIgnoreUnderXdgConfigHomeOrDotConfig() throws IOException {
        Path home = dir.resolve("home");
        write(home.resolve(".config/git/ignore"), "*.tmp\n");
        write(dir.resolve("xdg/git/ignore"), "*.bak\n");

        assertThat(GlobalGitignore.locate(Map.of("HOME", home.toString())))
                .contains(home.resolve(".config/git/ignore"));
        assertThat(GlobalGitignore.locate(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", "")))
                .contains(home.resolve(".config/git/ignore"));
        assertThat(GlobalGitignore.locate(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", dir.resolve("xdg").toString())))
                .contains(dir.resolve("xdg/git/ignore"));
        assertThat(GlobalGitignore.locate(Map.of())).isEmpty();
    }

    @Test
    void excludesFileSettingWinsInGitsOrderOfConfigFiles() throws IOException {
        Path home = dir.resolve("home");
        write(home.resolve(".config/git/ignore"), "*.tmp\n");
        write(home.resolve("from-xdg-config"), "a\n");
        write(home.resolve("from-home"), "b\n");
        write(dir.resolve("from-env"), "c\n");
        write(home.resolve(".config/git/config"), "[core]\n\texcludesFile = ~/from-xdg-config\n");
        Map<String, String> env = Map.of("HOME", home.toString());
        assertThat(GlobalGitignore.locate(env)).contains(home.resolve("from-xdg-config"));

        write(home.resolve(".gitconfig"), "[user]\n\tname = x\n[core]\n  ExcludesFile = \"~/from-home\"\n");
        assertThat(GlobalGitignore.locate(env)).contains(home.resolve("from-home"));

        write(dir.resolve("env.gitconfig"), "[core]\nexcludesfile=" + dir.resolve("from-env") + "\n");
        assertThat(GlobalGitignore.locate(Map.of("HOME", home.toString(),
                "GIT_CONFIG_GLOBAL", dir.resolve("env.gitconfig").toString()))).contains(dir.resolve("from-env"));
    }

    @Test
    void aConfiguredFileThatDoesNotExistMeansNoGlobalIgnoreNotTheDefault() throws IOException {
        Path home = dir.resolve("home");
        write(home.resolve(".config/git/ignore"), "*.tmp\n");
        write(home.resolve(".gitconfig"), "[core]\n\texcludesFile = ~/missing\n");
        assertThat(GlobalGitignore.locate(Map.of("HOME", home.toString()))).isEmpty();
    }

    @Test
    void archiveHoldsExactlyWhatGitKeepsWithAGlobalIgnoreFile() throws Exception {
        Path home = dir.resolve("home");
        Path repo = dir.resolve("repo");
        write(home.resolve(".gitconfig"), "[core]\n\texcludesFile = ~/global-ignore\n");
        write(home.resolve("global-ignore"), "*.secret\nscratch/\n*.log\n/top-only.txt\n.idea/\n");
        write(repo.resolve(".gitignore"), "!keep.secret\n");
        write(repo.resolve(".railwayignore"), "!deploy.log\n");
        for (String f : List.of("app.js", "a.secret", "keep.secret", "debug.log", "deploy.log", "top-only.txt",
                "sub/top-only.txt", "sub/b.secret", "scratch/notes.md", "sub/scratch/x", ".idea/workspace.xml")) {
            write(repo.resolve(f), f);
        }
        Map<String, String> env = Map.of("HOME", home.toString());
        git(repo, env, "init", "-q");
        write(repo.resolve(".git/info/exclude"), "!sub/b.secret\n");

        Set<String> gitKeeps = new TreeSet<>(git(repo, env, "ls-files", "--others", "--exclude-standard").lines().toList());
        List<String> log = new ArrayList<>();
        Set<String> archived = ArchivePlan.of(repo, repo, ArchiveOptions.defaults(), log::add, env).entries().stream().filter(e -> !e.directory())
                .map(ArchivePlan.Entry::name).collect(Collectors.toCollection(TreeSet::new));

        gitKeeps.add("deploy.log"); // .railwayignore re-includes it: railway up keeps what git drops here
        assertThat(archived).isEqualTo(gitKeeps).containsExactlyInAnyOrder(".gitignore", ".railwayignore", "app.js",
                "keep.secret", "deploy.log", "sub/top-only.txt", "sub/b.secret");
        assertThat(log).contains("Global gitignore " + home.resolve("global-ignore") + " applies, as it does for railway up.");
    }

    @Test
    void globalIgnoreFileCountsOnlyInsideAGitRepository() throws IOException {
        Path home = dir.resolve("home");
        write(home.resolve(".config/git/ignore"), "*.secret\n");
        write(dir.resolve("site/app.js"), "x");
        write(dir.resolve("site/a.secret"), "x");
        List<String> log = new ArrayList<>();
        assertThat(ArchivePlan.of(dir.resolve("site"), dir.resolve("site"), ArchiveOptions.defaults(), log::add,
                Map.of("HOME", home.toString())).entries())
                .extracting(ArchivePlan.Entry::name).containsExactlyInAnyOrder(".", "app.js", "a.secret");
        assertThat(log).isEmpty();
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** Runs git with only the given environment's user configuration (no system configuration). */
    private static String git(Path repo, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("GIT_") || k.equals("XDG_CONFIG_HOME"));
        pb.environment().putAll(env);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("git %s: %s", args, out).isZero();
        return out;
    }
}
