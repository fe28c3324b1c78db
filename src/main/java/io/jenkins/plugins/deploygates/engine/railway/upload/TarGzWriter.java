package io.jenkins.plugins.deploygates.engine.railway.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Writes an {@link ArchivePlan} as a gzip-compressed POSIX tar, streaming: one 64 KiB buffer plus the few blocks
 * the {@link ParallelGzipOutputStream} has in flight, whatever the tree's size. Compression runs on every core while
 * this thread reads the files. Names longer than ustar's 100 bytes travel in a PAX {@code path} record.
 */
public final class TarGzWriter {
    private static final int BLOCK = 512;
    private static final long MAX_USTAR_SIZE = 077777777777L;

    private final byte[] buffer = new byte[64 * 1024];
    private final long mtime = System.currentTimeMillis() / 1000;

    /** Writes the whole archive and finishes the gzip stream; does not close {@code out}. */
    public void write(ArchivePlan plan, OutputStream out) throws IOException {
        ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(out);
        try {
            writeTar(plan, gzip);
            gzip.finish();
            gzip.flush();
        } finally {
            gzip.release();
        }
    }

    /** The uncompressed tar, ending with its two zero blocks. */
    void writeTar(ArchivePlan plan, OutputStream out) throws IOException {
        for (ArchivePlan.Entry entry : plan.entries()) {
            writeEntry(entry, out);
        }
        out.write(new byte[2 * BLOCK]);
    }

    private void writeEntry(ArchivePlan.Entry entry, OutputStream out) throws IOException {
        byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
        if (name.length > 100 || entry.size() > MAX_USTAR_SIZE) {
            writePax(entry, name, out);
        }
        out.write(header(truncate(name), entry.directory() ? '5' : '0', entry.directory() ? 0 : entry.size(),
                entry.mode()));
        if (!entry.directory()) {
            copy(entry, out);
        }
    }

    /**
     * Copies exactly the size the header announced. A file that is no longer a regular file (a FIFO swapped in
     * would block the open forever) or whose size changed since the walk fails the archive: padding or cutting it
     * would upload a file nobody wrote.
     */
    private void copy(ArchivePlan.Entry entry, OutputStream out) throws IOException {
        BasicFileAttributes now = Files.readAttributes(entry.file(), BasicFileAttributes.class);
        if (!now.isRegularFile()) {
            throw new ArchiveException("'" + entry.name() + "' stopped being a regular file while the archive was"
                    + " built: leave the directory alone during the deploy, then run again.");
        }
        long left = entry.size();
        try (InputStream in = Files.newInputStream(entry.file())) {
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw changedSize(entry, entry.size() - left);
                }
                out.write(buffer, 0, n);
                left -= n;
            }
            if (in.read() >= 0) {
                throw changedSize(entry, -1);
            }
        }
        pad(entry.size(), out);
    }

    private static ArchiveException changedSize(ArchivePlan.Entry entry, long read) {
        return new ArchiveException("'" + entry.name() + "' changed size while the archive was built ("
                + entry.size() + " bytes when the directory was read, " + (read < 0 ? "more" : read + " bytes")
                + " when it was copied): stop whatever writes to it during the deploy, or add it to .railwayignore,"
                + " then run again.");
    }

    private void writePax(ArchivePlan.Entry entry, byte[] name, OutputStream out) throws IOException {
        byte[] records = (record("path", new String(name, StandardCharsets.UTF_8))
                + (entry.size() > MAX_USTAR_SIZE ? record("size", Long.toString(entry.size())) : ""))
                .getBytes(StandardCharsets.UTF_8);
        out.write(header("./PaxHeaders/entry".getBytes(StandardCharsets.US_ASCII), 'x', records.length, 0644));
        out.write(records);
        pad(records.length, out);
    }

    /** A PAX record: {@code "<length> key=value\n"}, where the length counts itself. */
    static String record(String key, String value) {
        int body = key.length() + value.getBytes(StandardCharsets.UTF_8).length + 3;
        int length = body + Integer.toString(body).length();
        if (Integer.toString(length).length() != Integer.toString(body).length()) {
            length++;
        }
        return length + " " + key + "=" + value + "\n";
    }

    private byte[] header(byte[] name, char type, long size, int mode) {
        byte[] h = new byte[BLOCK];
        System.arraycopy(name, 0, h, 0, name.length);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, Math.min(size, MAX_USTAR_SIZE));
        octal(h, 136, 12, mtime);
        h[156] = (byte) type;
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        h[154] = 0;
        return h;
    }

    private static void octal(byte[] h, int offset, int width, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, width - 1 - digits.length())) + digits;
        System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, h, offset, width - 1);
    }

    private static byte[] truncate(byte[] name) {
        return name.length <= 100 ? name : Arrays.copyOf(name, 100);
    }

    private static void pad(long size, OutputStream out) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }
}
