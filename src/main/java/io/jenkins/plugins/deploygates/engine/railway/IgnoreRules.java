package io.jenkins.plugins.deploygates.engine.railway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ignore files in force for one directory and its ancestors, decided as the Railway CLI's walker does
 * (Rust crate {@code ignore}): for each kind, the deepest file with a matching line wins; across kinds,
 * {@code .railwayignore} beats {@code .ignore}, which beats {@code .gitignore}, which beats
 * {@code .git/info/exclude}, which beats the user's global gitignore ({@link GlobalGitignore}). {@code .gitignore},
 * the exclude file and the global file count only inside a git repository.
 * Immutable: {@link #enter} returns the rules for a subdirectory.
 */
final class IgnoreRules {
    enum Kind {
        RAILWAY(".railwayignore"), IGNORE(".ignore"), GIT(".gitignore");

        final String fileName;

        Kind(String fileName) {
            this.fileName = fileName;
        }
    }

    /** The lines of one ignore file and the directory they are relative to. */
    private record RuleFile(Kind kind, Path dir, List<IgnorePattern> patterns) {
        /** TRUE ignored, FALSE re-included by a {@code !} line, null no line matches (the last match wins). */
        Boolean decide(Path path, boolean isDirectory) {
            String relative = dir.relativize(path).toString().replace('\\', '/');
            for (int i = patterns.size() - 1; i >= 0; i--) {
                if (patterns.get(i).matches(relative, isDirectory)) {
                    return !patterns.get(i).negated();
                }
            }
            return null;
        }
    }

    private final List<RuleFile> files; // deepest first
    private final boolean inGitRepository;

    private IgnoreRules(List<RuleFile> files, boolean inGitRepository) {
        this.files = files;
        this.inGitRepository = inGitRepository;
    }

    /**
     * The rules for the walk root: its own files plus those of its ancestors up to the enclosing git
     * repository's top (where the {@code .git/info/exclude} file also applies), and the global gitignore if any.
     * The crate matches the global file's patterns relative to the working directory; {@code railway up} runs in
     * the directory it deploys, so here they are relative to the walk root.
     */
    static IgnoreRules forRoot(Path root, Optional<Path> globalGitignore) throws IOException {
        Path gitTop = gitTop(root);
        IgnoreRules rules = new IgnoreRules(List.of(), gitTop != null);
        if (gitTop != null) {
            if (globalGitignore.isPresent()) {
                rules = rules.with(read(Kind.GIT, root, globalGitignore.get()));
            }
            rules = rules.with(read(Kind.GIT, gitTop, gitTop.resolve(".git/info/exclude")));
            for (Path dir = gitTop; !dir.equals(root); dir = next(dir, root)) {
                rules = rules.enter(dir);
            }
        }
        return rules.enter(root);
    }

    /** The child of {@code ancestor} on the way down to {@code root} (both absolute). */
    private static Path next(Path ancestor, Path root) {
        return ancestor.resolve(root.getName(ancestor.getNameCount()));
    }

    /** Whether {@code root} lies in a git repository, where the git ignore files (global one included) apply. */
    static boolean inGitRepository(Path root) {
        return gitTop(root) != null;
    }

    private static Path gitTop(Path root) {
        for (Path dir = root; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        return null;
    }

    /** The rules for {@code dir}: these plus the ignore files {@code dir} itself holds. */
    IgnoreRules enter(Path dir) throws IOException {
        IgnoreRules rules = this;
        for (Kind kind : Kind.values()) {
            if (kind != Kind.GIT || inGitRepository) {
                rules = rules.with(read(kind, dir, dir.resolve(kind.fileName)));
            }
        }
        return rules;
    }

    private IgnoreRules with(RuleFile file) {
        if (file == null) {
            return this;
        }
        List<RuleFile> more = new ArrayList<>(files.size() + 1);
        more.add(file);
        more.addAll(files);
        return new IgnoreRules(more, inGitRepository);
    }

    private static RuleFile read(Kind kind, Path dir, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        List<IgnorePattern> patterns = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            IgnorePattern p = IgnorePattern.parse(line);
            if (p != null) {
                patterns.add(p);
            }
        }
        return patterns.isEmpty() ? null : new RuleFile(kind, dir, patterns);
    }

    boolean ignored(Path path, boolean isDirectory) {
        for (Kind kind : Kind.values()) {
            for (RuleFile f : files) {
                if (f.kind() == kind) {
                    Boolean verdict = f.decide(path, isDirectory);
                    if (verdict != null) {
                        return verdict;
                    }
                }
            }
        }
        return false;
    }
}
