package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before a command starts its work, that it will be able to write its records and pages: a deploy must not
 * run for minutes only to find that its record cannot be kept. A mistake is one sentence (exit 2).
 */
final class OutputPaths {
    private OutputPaths() {}

    /** Creates the folder (with its parents) if missing and proves that a file can be written in it. */
    static void requireWritableFolder(String option, Path dir) {
        String named = option + " '" + dir + "'";
        ConfigurationException.require(!Files.exists(dir) || Files.isDirectory(dir),
                named + " is a file, not a folder: give a folder (it is created if missing).");
        String problem = cannotWriteIn(dir);
        ConfigurationException.require(problem == null, named + " " + problem + ": give a folder you can write to.");
    }

    /** The file is not a folder, and its folder exists or can be created and can be written to. */
    static void requireWritableFile(String option, Path file) {
        String named = option + " '" + file + "'";
        ConfigurationException.require(!Files.isDirectory(file), named + " is a folder: give the name of the file to"
                + " write, such as " + file.resolve("deploy-gates-report.html") + ".");
        ConfigurationException.require(!Files.exists(file) || Files.isWritable(file),
                named + " cannot be written to (permission denied): give a file you can write.");
        Path folder = file.toAbsolutePath().getParent();
        String problem = folder == null ? null : cannotWriteIn(folder);
        ConfigurationException.require(problem == null, named + ": its folder " + problem
                + ": give a path you can write to.");
    }

    /** Null when the folder exists or was created and a file can be written in it, else what is wrong. */
    private static String cannotWriteIn(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return "cannot be created (" + why(dir, e) + ")";
        }
        try {
            Files.delete(Files.createTempFile(dir, ".deploy-gates-", ".probe"));
            return null;
        } catch (IOException e) {
            return "cannot be written to (" + why(dir, e) + ")";
        }
    }

    /** In words: the ancestor that is a file rather than a folder, or what the file system said. */
    private static String why(Path dir, IOException e) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                return "'" + p + "' is a file";
            }
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getClass().getSimpleName();
    }
}
