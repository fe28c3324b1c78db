package io.jenkins.plugins.deploygates.engine.railway.upload;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lines of one ignore file. Read as {@code railway up} reads them: as UTF-8, a leading byte-order mark
 * dropped, and at the first line that is not UTF-8 (a file saved in Latin-1, say) the rest of the file is
 * skipped, which the log says; the deploy goes on with the lines before it.
 */
record IgnoreFile(IgnoreRules.Kind kind, List<IgnorePattern> patterns) {
    /** Ignore files are small; a bigger one is read up to here, like a file cut short. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    /** @return the file's patterns, or null when it does not exist or holds none */
    static IgnoreFile read(IgnoreRules.Kind kind, Path dir, Path file, ProgressLog log) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        byte[] bytes;
        try (var in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES);
        }
        List<IgnorePattern> patterns = new ArrayList<>();
        int start = startAfterBom(bytes);
        for (int line = 1; start < bytes.length; line++) {
            int end = indexOf(bytes, (byte) '\n', start);
            String text = FileNames.utf8(Arrays.copyOfRange(bytes, start, end));
            if (text == null) {
                log.line("Ignore file " + file + " is not UTF-8 from line " + line + " on: like railway up, the"
                        + " lines from there on are not used. Save it as UTF-8.");
                break;
            }
            IgnorePattern p = IgnorePattern.parse(text);
            if (p != null) {
                patterns.add(p);
            }
            start = end + 1;
        }
        return patterns.isEmpty() ? null : new IgnoreFile(kind, List.copyOf(patterns));
    }

    /** TRUE ignored, FALSE re-included by a {@code !} line, null no line matches (the last match wins). */
    Boolean decide(Path dir, Path path, boolean isDirectory) {
        if (!path.startsWith(dir)) {
            return null;
        }
        String relative = dir.relativize(path).toString().replace('\\', '/');
        for (int i = patterns.size() - 1; i >= 0; i--) {
            if (patterns.get(i).matches(relative, isDirectory)) {
                return !patterns.get(i).negated();
            }
        }
        return null;
    }

    private static int startAfterBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
    }

    private static int indexOf(byte[] b, byte wanted, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == wanted) {
                return i;
            }
        }
        return b.length;
    }
}
