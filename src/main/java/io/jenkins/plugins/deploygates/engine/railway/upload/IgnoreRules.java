package io.jenkins.plugins.deploygates.engine.railway.upload;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ignore files in force for one directory, decided as the Railway CLI's walker does (Rust crate
 * {@code ignore}, with {@code parents(true)} and {@code require_git(true)}):
 * <ul>
 *   <li>{@code .railwayignore} beats {@code .ignore}, which beats {@code .gitignore}, which beats
 *   {@code .git/info/exclude}, which beats the user's global gitignore ({@link GlobalGitignore});</li>
 *   <li>within one kind, the deepest file with a matching line wins;</li>
 *   <li>{@code .railwayignore} and {@code .ignore} are read in every directory up to the file system's root;
 *   {@code .gitignore} and the exclude file only up to the top of the git repository, and the git kinds
 *   (global one included) count only inside a git repository;</li>
 *   <li>{@code noGitignore} drops {@code .gitignore} files only, as {@code railway up --no-gitignore} does.</li>
 * </ul>
 * Immutable: {@link #enter} returns the rules for a subdirectory.
 */
final class IgnoreRules {
    enum Kind {
        RAILWAY(".railwayignore"), IGNORE(".ignore"), GIT(".gitignore"), EXCLUDE(".git/info/exclude");

        final String fileName;

        Kind(String fileName) {
            this.fileName = fileName;
        }

        boolean git() {
            return this == GIT || this == EXCLUDE;
        }
    }

    /** The ignore files of one directory, and whether the directory is a git repository's top. */
    private record DirRules(Path dir, boolean gitTop, List<IgnoreFile> files) {
        IgnoreFile file(Kind kind) {
            for (IgnoreFile f : files) {
                if (f.kind() == kind) {
                    return f;
                }
            }
            return null;
        }
    }

    private final List<DirRules> chain; // deepest first
    private final IgnoreFile global;
    private final Path globalBase;
    private final boolean noGitignore;
    private final boolean inGit;
    private final ProgressLog log;

    private IgnoreRules(List<DirRules> chain, IgnoreFile global, Path globalBase, boolean noGitignore, boolean inGit,
            ProgressLog log) {
        this.chain = chain;
        this.global = global;
        this.globalBase = globalBase;
        this.noGitignore = noGitignore;
        this.inGit = inGit;
        this.log = log;
    }

    /**
     * The rules for the walk root: its own files plus those of every ancestor. {@code projectDir} is where
     * {@code railway up} would run (the global gitignore's patterns are relative to it).
     */
    static IgnoreRules forRoot(Path root, Path projectDir, Optional<Path> globalGitignore, boolean noGitignore,
            ProgressLog log) throws IOException {
        List<Path> ancestors = new ArrayList<>();
        for (Path dir = root.getParent(); dir != null; dir = dir.getParent()) {
            ancestors.add(0, dir);
        }
        IgnoreRules rules = new IgnoreRules(List.of(), null, projectDir, noGitignore, false, log);
        for (Path dir : ancestors) {
            // above the walk root the crate looks for .git only while .gitignore files are honoured
            rules = rules.add(dir, !noGitignore && isGitTop(dir));
        }
        rules = rules.enter(root);
        if (globalGitignore.isPresent()) {
            IgnoreFile g = IgnoreFile.read(Kind.GIT, projectDir, globalGitignore.get(), log);
            rules = new IgnoreRules(rules.chain, g, projectDir, noGitignore, rules.inGit, log);
        }
        return rules;
    }

    /** Whether {@code dir} holds a {@code .git} (a directory, or a file for a worktree or submodule). */
    static boolean isGitTop(Path dir) {
        return Files.exists(dir.resolve(".git"));
    }

    /** Whether the global gitignore applies at the walk root (it lies in a git repository). */
    boolean inGitRepository() {
        return inGit;
    }

    /** The rules for {@code dir}: these plus the ignore files {@code dir} itself holds. */
    IgnoreRules enter(Path dir) throws IOException {
        return add(dir, isGitTop(dir));
    }

    private IgnoreRules add(Path dir, boolean gitTop) throws IOException {
        List<IgnoreFile> files = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (kind == Kind.GIT && noGitignore || kind == Kind.EXCLUDE && !gitTop) {
                continue;
            }
            IgnoreFile f = IgnoreFile.read(kind, dir, dir.resolve(kind.fileName), log);
            if (f != null) {
                files.add(f);
            }
        }
        List<DirRules> more = new ArrayList<>(chain.size() + 1);
        more.add(new DirRules(dir, gitTop, files));
        more.addAll(chain);
        return new IgnoreRules(more, global, globalBase, noGitignore, inGit || gitTop, log);
    }

    boolean ignored(Path path, boolean isDirectory) {
        for (Kind kind : Kind.values()) {
            Boolean verdict = decide(kind, path, isDirectory);
            if (verdict != null) {
                return verdict;
            }
        }
        if (inGit && global != null) {
            Boolean verdict = global.decide(globalBase, path, isDirectory);
            return verdict != null && verdict;
        }
        return false;
    }

    /** The deepest file of this kind with a matching line; the git kinds stop at the repository's top. */
    private Boolean decide(Kind kind, Path path, boolean isDirectory) {
        if (kind.git() && !inGit) {
            return null;
        }
        for (DirRules d : chain) {
            IgnoreFile f = d.file(kind);
            Boolean verdict = f == null ? null : f.decide(d.dir(), path, isDirectory);
            if (verdict != null) {
                return verdict;
            }
            if (kind.git() && d.gitTop()) {
                return null;
            }
        }
        return null;
    }
}
