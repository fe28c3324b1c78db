package io.jenkins.plugins.deploygates.engine.docker;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where the record of a rebuild or rollback goes: {@code <reportDir>/<step>.json}, checked before anything runs and
 * again when written. A report folder inside the workspace stays inside it by real path: a symbolic link planted in
 * the repository ({@code deploy-gates-reports -> /var/lib/jenkins}) cannot make the step write elsewhere. A folder
 * given outside the workspace is the user's own choice, and the record stays inside that folder. The record is
 * written through a temporary file renamed over the name, so a link planted at the record's own name is replaced,
 * never followed.
 */
final class RecordFile {
    private final Path boundary;
    private final Path folder;
    private final String reportDir;
    private final String fileName;

    private RecordFile(Path boundary, Path folder, String reportDir, String fileName) {
        this.boundary = boundary;
        this.folder = folder;
        this.reportDir = reportDir;
        this.fileName = fileName;
    }

    /**
     * Creates the report folder if needed and checks it can hold the record; null reportDir means no record.
     *
     * @throws ConfigurationException when the folder leads outside through a link, is a file, or cannot be created
     */
    static RecordFile prepare(Path workspace, String reportDir, String step) {
        if (reportDir == null) {
            return new RecordFile(null, null, null, null);
        }
        Path base = workspace.toAbsolutePath().normalize();
        Path folder = base.resolve(reportDir).normalize();
        RecordFile record = new RecordFile(folder.startsWith(base) ? base : folder, folder, reportDir, step + ".json");
        Path real = record.realFolder();
        ConfigurationException.require(Files.isWritable(real), "reportDir '" + reportDir + "' (" + real
                + ") is not writable: choose a folder this user can write.");
        ConfigurationException.require(!Files.isDirectory(real.resolve(record.fileName), LinkOption.NOFOLLOW_LINKS),
                "reportDir '" + reportDir + "' already holds a folder named " + record.fileName
                        + ": remove it or choose another reportDir.");
        return record;
    }

    void write(Object record) throws IOException {
        if (folder != null) {
            Json.write(realFolder().resolve(fileName), record);
        }
    }

    /** Walks from the boundary down to the folder, one name at a time, resolving each link on the way. */
    private Path realFolder() {
        try {
            Files.createDirectories(boundary);
            Path limit = boundary.toRealPath();
            Path current = limit;
            for (Path name : boundary.relativize(folder)) {
                Path next = current.resolve(name);
                if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(next);
                }
                current = next.toRealPath();
                ConfigurationException.require(current.startsWith(limit), "reportDir '" + reportDir + "' leads out of "
                        + limit + " through the symbolic link " + next + " (to " + current
                        + "): remove the link or choose another reportDir.");
                ConfigurationException.require(Files.isDirectory(current), "reportDir '" + reportDir + "' is not a"
                        + " folder (" + next + " is a file): choose a folder for the record.");
            }
            ConfigurationException.require(Files.isDirectory(current), "reportDir '" + reportDir + "' is not a"
                    + " folder: choose a folder for the record.");
            return current;
        } catch (FileAlreadyExistsException e) {
            throw new ConfigurationException("reportDir '" + reportDir + "' is not a folder (" + e.getFile()
                    + " is a file): choose a folder for the record.");
        } catch (IOException e) {
            throw new ConfigurationException("reportDir '" + reportDir + "' cannot be used (" + e.getMessage()
                    + "): choose a folder this user can create and write.");
        }
    }
}
