package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@code railway up} would upload from a directory: every file and directory not ignored, named
 * {@code ./relative/path}. Only names and sizes are held, never contents, and those packed (about 60 bytes an
 * entry, see {@link PackedEntries}), so a large tree costs a few megabytes, not its bytes. Symlinks are followed only while they stay inside the directory.
 */
public final class ArchivePlan {
    /** One tar entry. {@code file} is where to read it (a symlink's target is read through the link). */
    public record Entry(String name, Path file, boolean directory, long size, boolean executable) {}

    private static final Set<String> ALWAYS_DROPPED = Set.of(".git", "node_modules");

    private final PackedEntries entries;
    private final Set<Path> visited = new HashSet<>();
    private final Path realRoot;
    private final ProgressLog log;
    private long fileCount;
    private long totalBytes;

    private ArchivePlan(Path logicalRoot, Path realRoot, ProgressLog log) {
        this.entries = new PackedEntries(logicalRoot);
        this.realRoot = realRoot;
        this.log = log;
    }

    /** Walks {@code root} with the ignore rules in force there; says in the log what it skipped and why. */
    public static ArchivePlan of(Path root, ProgressLog log) throws IOException {
        return of(root, log, System.getenv());
    }

    /** As {@link #of(Path, ProgressLog)}, with the environment that locates the global gitignore. */
    static ArchivePlan of(Path root, ProgressLog log, Map<String, String> env) throws IOException {
        ConfigurationException.require(Files.isDirectory(root),
                "path '" + root + "' is not a directory: give the directory to deploy.");
        Path logical = root.toAbsolutePath().normalize();
        ArchivePlan plan = new ArchivePlan(logical, logical.toRealPath(), log);
        plan.visited.add(plan.realRoot);
        Optional<Path> global = GlobalGitignore.locate(env);
        if (global.isPresent() && IgnoreRules.inGitRepository(logical)) {
            // a file that silently vanishes from the upload is hard to explain without this line
            log.line("Global gitignore " + global.get() + " applies, as it does for railway up.");
        }
        plan.walk(logical, "./", IgnoreRules.forRoot(logical, global));
        return plan;
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    public long fileCount() {
        return fileCount;
    }

    public long totalBytes() {
        return totalBytes;
    }

    private void walk(Path dir, String prefix, IgnoreRules rules) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted().toList();
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (!ALWAYS_DROPPED.contains(name)) {
                visit(child, prefix + name, rules);
            }
        }
    }

    private void visit(Path child, String name, IgnoreRules rules) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Path real = child;
        if (attrs.isSymbolicLink()) {
            real = insideTarget(child, name);
            if (real == null) {
                return;
            }
            attrs = Files.readAttributes(real, BasicFileAttributes.class);
        }
        if (rules.ignored(child, attrs.isDirectory())) {
            return;
        }
        if (attrs.isDirectory()) {
            if (visited.add(child.toRealPath())) {
                entries.append(new Entry(name + "/", child, true, 0, true));
                walk(child, name + "/", rules.enter(child));
            }
        } else if (attrs.isRegularFile()) {
            entries.append(new Entry(name, child, false, attrs.size(), Files.isExecutable(real)));
            fileCount++;
            totalBytes += attrs.size();
        } else {
            log.line("Skipped " + name + ": not a regular file or directory.");
        }
    }

    /** The link's target when it stays inside the directory; null (and a log line) otherwise. */
    private Path insideTarget(Path link, String name) throws IOException {
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException e) {
            log.line("Skipped symlink " + name + ": its target does not exist.");
            return null;
        }
        if (!target.startsWith(realRoot)) {
            log.line("Skipped symlink " + name + " -> " + Files.readSymbolicLink(link)
                    + ": it points outside the deployed directory, so it is not followed.");
            return null;
        }
        return target;
    }
}
