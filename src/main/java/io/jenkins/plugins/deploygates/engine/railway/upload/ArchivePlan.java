package io.jenkins.plugins.deploygates.engine.railway.upload;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@code railway up} would upload from a directory, entry for entry: the directory itself and everything
 * below it that no ignore rule drops, named relative to the archive's prefix ({@link ArchiveOptions}) as the CLI's
 * tar writer names them ({@code apps/api}, {@code apps/api/server.js}; {@code .} for the prefix itself), with
 * the permission bits of each file. Only names and sizes are held, never contents, and those packed (about 60
 * bytes an entry, see {@link PackedEntries}), so a large tree costs a few megabytes, not its bytes. Symlinks are
 * followed only while they stay inside the deployed directory.
 */
public final class ArchivePlan {
    /** One tar entry. {@code file} is where to read it (a symlink's target is read through the link). */
    public record Entry(String name, Path file, boolean directory, long size, int mode) {}

    private static final Set<String> ALWAYS_DROPPED = Set.of(".git", "node_modules");

    private final PackedEntries entries;
    private final Set<Path> visited = new HashSet<>();
    private final Path realRoot;
    private final ProgressLog log;
    private long fileCount;
    private long totalBytes;

    private ArchivePlan(Path prefix, Path realRoot, ProgressLog log) {
        this.entries = new PackedEntries(prefix);
        this.realRoot = realRoot;
        this.log = log;
    }

    /** The upload of {@code dir} with the CLI's defaults, {@code dir} being its own project directory. */
    public static ArchivePlan of(Path dir, ProgressLog log) throws IOException {
        return of(dir, dir, ArchiveOptions.defaults(), log);
    }

    /**
     * Walks {@code dir} with the ignore rules in force there; says in the log what it skipped and why.
     *
     * @param projectDir where {@code railway up} would run: the archive's prefix unless {@code pathAsRoot}
     */
    public static ArchivePlan of(Path dir, Path projectDir, ArchiveOptions options, ProgressLog log)
            throws IOException {
        return of(dir, projectDir, options, log, System.getenv());
    }

    /** As above, with the environment that locates the global gitignore. */
    static ArchivePlan of(Path dir, Path projectDir, ArchiveOptions options, ProgressLog log, Map<String, String> env)
            throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Path project = projectDir.toAbsolutePath().normalize();
        Path prefix = options.pathAsRoot() ? root : project;
        requireDeployable(dir, root, prefix);
        ArchivePlan plan = new ArchivePlan(prefix, root.toRealPath(), log);
        plan.visited.add(plan.realRoot);
        Optional<Path> global = GlobalGitignore.locate(env);
        IgnoreRules rules = IgnoreRules.forRoot(root, project, global, options.noGitignore(), log);
        if (global.isPresent() && rules.inGitRepository()) {
            // a file that silently vanishes from the upload is hard to explain without this line
            log.line("Global gitignore " + global.get() + " applies, as it does for railway up.");
        }
        if (!droppedByName(prefix.relativize(root))) {
            String rootName = name(prefix, root);
            plan.entries.append(new Entry(rootName, root, true, 0, mode(root)));
            plan.walk(root, rootName, rules);
        }
        return plan;
    }

    /** Local checks, before anything is asked of Railway: the directory exists and lies under the prefix. */
    public static void requireDeployable(Path given, Path root, Path prefix) {
        ConfigurationException.require(Files.isDirectory(root),
                "path '" + given + "' is not a directory: give the directory to deploy.");
        ConfigurationException.require(root.startsWith(prefix), "path '" + given + "' is not inside the project"
                + " directory " + prefix + ", which the archive's names start from: deploy from a directory that"
                + " contains it, or set pathAsRoot (--path-as-root) to name the files from the path itself.");
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

    private void walk(Path dir, String dirName, IgnoreRules rules) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted().toList();
        }
        for (Path child : children) {
            String name = FileNames.of(child);
            if (name == null) {
                log.line("Skipped " + child + ": its name is not valid UTF-8, so it cannot be named in the archive.");
            } else if (!ALWAYS_DROPPED.contains(name)) {
                visit(child, dirName.equals(".") ? name : dirName + "/" + name, rules);
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
            if (visited.add(real.toRealPath())) {
                entries.append(new Entry(name, child, true, 0, mode(real)));
                walk(child, name, rules.enter(child));
            }
        } else if (attrs.isRegularFile()) {
            entries.append(new Entry(name, child, false, attrs.size(), mode(real)));
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

    /** The tar writer's name for a path under the prefix: {@code .} for the prefix itself. */
    static String name(Path prefix, Path path) {
        String relative = prefix.relativize(path).toString().replace('\\', '/');
        return relative.isEmpty() ? "." : relative;
    }

    /** The CLI drops any path with a {@code .git} or {@code node_modules} component. */
    private static boolean droppedByName(Path relative) {
        for (Path part : relative) {
            if (ALWAYS_DROPPED.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    /** The file's own permission bits (read through a link), as {@code railway up}'s tar writer copies them. */
    static int mode(Path file) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.readAttributes(file, PosixFileAttributes.class).permissions();
            int mode = 0;
            for (PosixFilePermission p : perms) {
                mode |= 1 << (8 - p.ordinal());
            }
            return mode;
        } catch (UnsupportedOperationException notPosix) {
            return Files.isDirectory(file) || Files.isExecutable(file) ? 0755 : 0644;
        }
    }
}
