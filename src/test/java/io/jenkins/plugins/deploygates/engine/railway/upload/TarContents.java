package io.jenkins.plugins.deploygates.engine.railway.upload;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads an uploaded tar.gz back (ustar + PAX path records) so tests can assert on names and contents. */
public final class TarContents {
    private TarContents() {}

    /** One entry as its header and PAX record give it. */
    public record Entry(String name, String content, int mode) {}

    /** Entry name to content (directories map to an empty string). */
    public static Map<String, String> read(byte[] tarGz) throws IOException {
        Map<String, String> contents = new LinkedHashMap<>();
        entries(tarGz).forEach(e -> contents.put(e.name(), e.content()));
        return contents;
    }

    /** Entry name to its mode bits, as the tar header gives them. */
    public static Map<String, Integer> modes(byte[] tarGz) throws IOException {
        Map<String, Integer> modes = new LinkedHashMap<>();
        entries(tarGz).forEach(e -> modes.put(e.name(), e.mode()));
        return modes;
    }

    public static List<Entry> entries(byte[] tarGz) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(tarGz)))) {
            String paxPath = null;
            byte[] header = new byte[512];
            while (true) {
                in.readFully(header);
                if (header[0] == 0) {
                    return entries;
                }
                long size = Long.parseLong(text(header, 124, 12).trim(), 8);
                byte[] content = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                if ((char) header[156] == 'x') {
                    paxPath = pax(new String(content, StandardCharsets.UTF_8));
                    continue;
                }
                entries.add(new Entry(paxPath != null ? paxPath : text(header, 0, 100),
                        new String(content, StandardCharsets.UTF_8), Integer.parseInt(text(header, 100, 8).trim(), 8)));
                paxPath = null;
            }
        }
    }

    private static String pax(String records) {
        for (String line : records.split("\n")) {
            int eq = line.indexOf("path=");
            if (eq > 0) {
                return line.substring(eq + 5);
            }
        }
        return null;
    }

    private static String text(byte[] h, int offset, int length) {
        int end = offset;
        while (end < offset + length && h[end] != 0) {
            end++;
        }
        return new String(h, offset, end - offset, StandardCharsets.UTF_8);
    }

}
