package io.jenkins.plugins.deploygates.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away git repository under {@code target/} (branch {@code main}) that the kit's Jenkins checks out from:
 * an application a test deploys, or a snapshot of this checkout's working tree as it is, uncommitted changes
 * included, so that what Jenkins loads is what is being tested.
 */
public final class GitRepository {
    private final Path dir;

    private GitRepository(Path dir) {
        this.dir = dir;
    }

    /** The repository in {@code dir}, created (empty, on branch main) when it is not there yet. */
    public static GitRepository at(Path dir) {
        GitRepository repository = new GitRepository(dir.toAbsolutePath().normalize());
        if (!Files.isDirectory(dir.resolve(".git"))) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            repository.git("init", "-q", "-b", "main");
        }
        return repository;
    }

    /** The address Jenkins' git plugin clones from. */
    public String url() {
        return dir.toUri().toString();
    }

    public Path dir() {
        return dir;
    }

    public GitRepository write(String path, String text) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a file (a binary too) into the repository, keeping its permissions. */
    public GitRepository copy(String path, Path source) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.copy(source, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces the repository's files with those of {@code checkout}'s working tree under {@code paths}: tracked and
     * untracked files, without ignored ones, as they are on disk now.
     */
    public GitRepository replaceWith(Path checkout, String... paths) {
        try {
            clear();
            for (String file : workingTreeFiles(checkout, paths)) {
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(checkout.resolve(file), target, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits everything (a new commit only when something changed); returns the commit id of main. */
    public String commit(String message) {
        git("add", "-A");
        if (!git("status", "--porcelain").isBlank()) {
            git("-c", "user.name=Deploy Gates tests", "-c", "user.email=tests@deploy-gates.invalid", "commit", "-q",
                    "--no-gpg-sign", "-m", message);
        }
        return git("rev-parse", "HEAD").trim();
    }

    private void clear() throws IOException {
        try (Stream<Path> top = Files.list(dir)) {
            for (Path entry : top.filter(p -> !p.getFileName().toString().equals(".git")).toList()) {
                try (Stream<Path> walk = Files.walk(entry)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    private static List<String> workingTreeFiles(Path checkout, String... paths) {
        List<String> command = new ArrayList<>(List.of("ls-files", "-z", "-c", "-o", "--exclude-standard", "--"));
        command.addAll(List.of(paths));
        List<String> files = new ArrayList<>();
        for (String file : run(checkout, command).split("\0")) {
            if (!file.isEmpty() && Files.isRegularFile(checkout.resolve(file))) {
                files.add(file); // a tracked file deleted in the working tree is left out, as it is on disk
            }
        }
        return files;
    }

    private String git(String... arguments) {
        return run(dir, List.of(arguments));
    }

    private static String run(Path where, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", where.toString()));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + new String(output, StandardCharsets.UTF_8));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git", e);
        }
    }
}
