package io.jenkins.plugins.deploygates.engine.railway.upload;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A file's name as the bytes on disk say it, decoded as UTF-8. Java decodes names with the platform's encoding,
 * which under a POSIX ({@code C}) locale is ASCII: {@code café.txt} then reads as {@code caf\uFFFD\uFFFD.txt},
 * a name that can neither be opened again nor sent. The file's URI keeps the raw bytes (percent-encoded), so
 * the true name is read from there whenever the platform could not decode it.
 */
final class FileNames {
    private FileNames() {}

    /** @return the name, or null when its bytes are not UTF-8 */
    static String of(Path file) {
        String name = file.getFileName().toString();
        if (name.indexOf('\uFFFD') < 0) {
            return name;
        }
        String raw = file.toUri().getRawPath();
        if (raw.endsWith("/")) {
            raw = raw.substring(0, raw.length() - 1);
        }
        return utf8(percentDecoded(raw.substring(raw.lastIndexOf('/') + 1)));
    }

    private static byte[] percentDecoded(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /** The bytes as UTF-8, or null when they are not UTF-8 (no replacement characters). */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
