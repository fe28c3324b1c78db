package io.jenkins.plugins.deploygates.engine.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * How records and report pages reach the disk: through a fresh temporary sibling, renamed over the file, so a
 * reader (or a crash) never sees half a file, and a link planted at the file's name is replaced, never written
 * through. The temporary file is created like any other file of the process (mode 0666 less the umask, so 0644
 * usually), not with {@code Files.createTempFile}'s 0600: every file Deploy Gates writes gets the same permissions.
 */
public final class AtomicFile {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFile() {}

    public static void write(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        // CREATE_NEW: never opens a file (or a link) that is already there.
        Path tmp = dir.resolve(".deploy-gates-" + HexFormat.of().formatHex(id) + ".tmp");
        try {
            Files.write(tmp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
