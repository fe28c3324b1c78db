package io.jenkins.plugins.deploygates.engine.railway;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The entries of an {@link ArchivePlan}, packed: names as UTF-8 in one byte array, sizes and flags in primitive
 * arrays, about 60 bytes an entry instead of the ~370 that records holding a {@code Path} and a {@code String}
 * cost. An entry's file is its name resolved against the walked root, which is how the walk reached it; the rare
 * path that does not survive that round trip (a name that is not valid in the platform's encoding) is kept as is.
 */
final class PackedEntries extends AbstractList<ArchivePlan.Entry> {
    private static final byte DIRECTORY = 1;
    private static final byte EXECUTABLE = 2;

    private final Path root;
    private final Map<Integer, Path> unusualFiles = new HashMap<>();
    private byte[] names = new byte[64 * 1024];
    private int namesLength;
    private int[] nameEnds = new int[1024];
    private long[] sizes = new long[1024];
    private byte[] flags = new byte[1024];
    private int count;

    PackedEntries(Path root) {
        this.root = root;
    }

    void append(ArchivePlan.Entry entry) {
        byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
        if (count == sizes.length) {
            int more = count * 2;
            nameEnds = Arrays.copyOf(nameEnds, more);
            sizes = Arrays.copyOf(sizes, more);
            flags = Arrays.copyOf(flags, more);
        }
        if (namesLength + name.length > names.length) {
            names = Arrays.copyOf(names, Math.max(names.length * 2, namesLength + name.length));
        }
        System.arraycopy(name, 0, names, namesLength, name.length);
        namesLength += name.length;
        nameEnds[count] = namesLength;
        sizes[count] = entry.size();
        flags[count] = (byte) ((entry.directory() ? DIRECTORY : 0) | (entry.executable() ? EXECUTABLE : 0));
        if (!entry.file().equals(fileOf(entry.name()))) {
            unusualFiles.put(count, entry.file());
        }
        count++;
    }

    @Override
    public ArchivePlan.Entry get(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(index);
        }
        int start = index == 0 ? 0 : nameEnds[index - 1];
        String name = new String(names, start, nameEnds[index] - start, StandardCharsets.UTF_8);
        Path file = unusualFiles.get(index);
        return new ArchivePlan.Entry(name, file != null ? file : fileOf(name), (flags[index] & DIRECTORY) != 0,
                sizes[index], (flags[index] & EXECUTABLE) != 0);
    }

    @Override
    public int size() {
        return count;
    }

    /** {@code ./a/b} (or {@code ./a/b/} for a directory) under the root. */
    private Path fileOf(String name) {
        return root.resolve(name.substring(2));
    }
}
