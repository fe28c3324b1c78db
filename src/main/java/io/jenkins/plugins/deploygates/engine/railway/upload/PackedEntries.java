package io.jenkins.plugins.deploygates.engine.railway.upload;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The entries of an {@link ArchivePlan}, packed: names as UTF-8 in one byte array, sizes and modes in primitive
 * arrays, about 60 bytes an entry instead of the ~370 that records holding a {@code Path} and a {@code String}
 * cost. An entry's file is its name resolved against the prefix, which is how the walk reached it; the rare path
 * that does not survive that round trip (a name the platform's encoding cannot hold, as under a POSIX locale) is
 * kept as the walk found it.
 */
final class PackedEntries extends AbstractList<ArchivePlan.Entry> {
    private static final int DIRECTORY = 1 << 15;

    private final Path prefix;
    private final Map<Integer, Path> unusualFiles = new HashMap<>();
    private byte[] names = new byte[64 * 1024];
    private int namesLength;
    private int[] nameEnds = new int[1024];
    private long[] sizes = new long[1024];
    private short[] modes = new short[1024];
    private int count;

    PackedEntries(Path prefix) {
        this.prefix = prefix;
    }

    void append(ArchivePlan.Entry entry) {
        byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
        if (count == sizes.length) {
            int more = count * 2;
            nameEnds = Arrays.copyOf(nameEnds, more);
            sizes = Arrays.copyOf(sizes, more);
            modes = Arrays.copyOf(modes, more);
        }
        if (namesLength + name.length > names.length) {
            names = Arrays.copyOf(names, Math.max(names.length * 2, namesLength + name.length));
        }
        System.arraycopy(name, 0, names, namesLength, name.length);
        namesLength += name.length;
        nameEnds[count] = namesLength;
        sizes[count] = entry.size();
        modes[count] = (short) ((entry.directory() ? DIRECTORY : 0) | (entry.mode() & 07777));
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
        return new ArchivePlan.Entry(name, file != null ? file : fileOf(name), (modes[index] & DIRECTORY) != 0,
                sizes[index], modes[index] & 07777);
    }

    @Override
    public int size() {
        return count;
    }

    /** {@code a/b} under the prefix; null when the platform cannot spell the name. */
    private Path fileOf(String name) {
        try {
            return name.equals(".") ? prefix : prefix.resolve(name);
        } catch (InvalidPathException unspellable) {
            return null;
        }
    }
}
