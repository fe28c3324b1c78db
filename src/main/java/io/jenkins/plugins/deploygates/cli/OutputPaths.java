package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks, before a command starts its work, that it will be able to write its records and pages: a deploy must not
 * run for minutes only to find that its record cannot be kept. A mistake is one sentence (exit 2).
 */
final class OutputPaths {
    private OutputPaths() {}

    /** The folder exists or can be created, and a file can be written in it. */
    static void requireWritableFolder(String option, Path dir) {
        String named = option + " '" + dir + "'";
        ConfigurationException.require(!Files.exists(dir) || Files.isDirectory(dir),
                named + " is a file, not a folder: give a folder (it is created if missing).");
        String problem = cannotWriteIn(dir);
        ConfigurationException.require(problem == null, named + " " + problem + ": give a folder you can write to.");
    }

    /** The file's folder exists or can be created and can be written to, and so can the file if it exists. */
    static void requireWritableFolderOf(String option, Path file) {
        String named = option + " '" + file + "'";
        ConfigurationException.require(Files.isDirectory(file) || !Files.exists(file) || Files.isWritable(file),
                named + " cannot be written to (permission denied): give a file you can write.");
        Path folder = file.toAbsolutePath().getParent();
        String problem = folder == null ? null : cannotWriteIn(folder);
        ConfigurationException.require(problem == null, named + ": its folder " + problem
                + ": give a path you can write to.");
    }

    /**
     * Null when a file can be written in the folder, or in the nearest folder that exists above it (the command
     * creates the rest when it writes; nothing is created here, so a mistake elsewhere leaves no empty folder behind);
     * else what is wrong.
     */
    private static String cannotWriteIn(Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing.getParent() != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!Files.isDirectory(existing)) {
            return "cannot be created ('" + existing + "' is a file)";
        }
        String verb = existing.equals(dir.toAbsolutePath()) ? "cannot be written to" : "cannot be created";
        try {
            Files.delete(Files.createTempFile(existing, ".deploy-gates-", ".probe"));
            return null;
        } catch (AccessDeniedException e) {
            return verb + " (permission denied in '" + existing + "')";
        } catch (IOException e) {
            String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : e.getClass().getSimpleName();
            return verb + " (" + reason.toLowerCase(Locale.ROOT) + " in '" + existing + "')";
        }
    }
}
