package io.jenkins.plugins.deploygates.engine.railway.upload;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tar.gz of an {@link ArchivePlan}, written to a temporary file on the machine that holds the directory before
 * anything is sent, so the upload carries a {@code Content-Length} as {@code railway up} does (an edge that wants a
 * length, or answers 413 from the header alone, then behaves as it does for the CLI), and memory stays flat: the
 * archive streams to disk and from disk. Deleted on {@link #close()}.
 */
public final class SpooledArchive implements AutoCloseable {
    private final Path file;
    private final long files;

    private SpooledArchive(Path file, long files) {
        this.file = file;
        this.files = files;
    }

    /** Builds the archive; any failure is an {@link ArchiveException} (nothing was sent) and leaves no file. */
    public static SpooledArchive of(ArchivePlan plan) throws ArchiveException {
        Path file;
        try {
            file = Files.createTempFile("deploy-gates-railway-up-", ".tar.gz");
        } catch (IOException e) {
            throw new ArchiveException("No temporary file for the upload archive could be created (" + e.getMessage()
                    + "): free space in " + System.getProperty("java.io.tmpdir") + " or set java.io.tmpdir.", e);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            new TarGzWriter().write(plan, out);
        } catch (IOException | RuntimeException e) {
            delete(file);
            throw e instanceof ArchiveException a ? a : new ArchiveException("The upload archive could not be written"
                    + " (" + e.getMessage() + ")", e);
        }
        return new SpooledArchive(file, plan.fileCount());
    }

    public Path file() {
        return file;
    }

    public long bytes() throws IOException {
        return Files.size(file);
    }

    public long files() {
        return files;
    }

    @Override
    public void close() {
        delete(file);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            file.toFile().deleteOnExit(); // still held open on some platforms: the JVM's exit takes it
        }
    }
}
