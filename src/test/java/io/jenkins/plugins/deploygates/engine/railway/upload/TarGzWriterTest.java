package io.jenkins.plugins.deploygates.engine.railway.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload archive read back by the system's {@code tar} and {@code gzip}, with blocks cut anywhere. */
class TarGzWriterTest {
    @TempDir
    Path dir;

    @TempDir
    Path scratch;

    @Test
    void aBlockBoundaryInsideATarHeaderStillGivesTheSameArchive() throws Exception {
        // a.txt: header [0, 512), data and padding up to 40960; b.txt's header [40960, 41472) holds the cut at 41000
        write("a.txt", ParallelGzipOutputStreamTest.text(40_000, 1));
        write("b.txt", "bee\n".getBytes(StandardCharsets.UTF_8));
        write("c/d.txt", ParallelGzipOutputStreamTest.text(70_000, 2));
        ArchivePlan plan = ArchivePlan.of(dir, ProgressLog.discard());
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gz = new ParallelGzipOutputStream(sink, Deflater.DEFAULT_COMPRESSION, 2,
                41_000)) {
            new TarGzWriter().writeTar(plan, gz);
        }
        byte[] archive = sink.toByteArray();

        assertThat(tarList(archive)).containsExactly(".", "a.txt", "b.txt", "c", "c/d.txt");
        assertThat(TarContents.read(archive)).containsEntry("b.txt", "bee\n")
                .containsEntry("a.txt", new String(ParallelGzipOutputStreamTest.text(40_000, 1),
                        StandardCharsets.US_ASCII));
    }

    @Test
    void manyFilesOverManyBlocksListAsTheFileSetWithoutIgnoredOnes() throws Exception {
        Map<String, byte[]> expected = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            byte[] content = i % 3 == 0 ? ParallelGzipOutputStreamTest.mixed(3000 + i * 97)
                    : ParallelGzipOutputStreamTest.text(1000 + i * 131, i);
            String name = "src/m" + (i % 7) + "/f" + i + ".txt";
            write(name, content);
            expected.put(name, content);
        }
        write("node_modules/left/index.js", "dropped".getBytes(StandardCharsets.UTF_8));
        write("dist/bundle.js", "dropped".getBytes(StandardCharsets.UTF_8));
        write(".railwayignore", "dist/\n".getBytes(StandardCharsets.UTF_8));
        expected.put(".railwayignore", "dist/\n".getBytes(StandardCharsets.UTF_8));
        ArchivePlan plan = ArchivePlan.of(dir, ProgressLog.discard());
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        new TarGzWriter().write(plan, sink);
        byte[] archive = sink.toByteArray();

        List<String> listed = tarList(archive);
        assertThat(listed).containsAll(expected.keySet()).noneMatch(n -> n.startsWith("node_modules")
                || n.startsWith("dist"));
        assertThat(plan.totalBytes()).isGreaterThan(20L * ParallelGzipOutputStream.DEFAULT_BLOCK_SIZE);
        Path extracted = Files.createDirectories(scratch.resolve("x"));
        Path file = Files.write(scratch.resolve("a.tgz"), archive);
        ParallelGzipOutputStreamTest.run("tar", "xzf", file.toString(), "-C", extracted.toString());
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertThat(Files.readAllBytes(extracted.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void packedNamesKeepUnicodeLongNamesAndSymlinkedFiles() throws Exception {
        String deep = "very-long-directory-name-".repeat(5) + "/caf\u00e9-\u00fc.txt";
        write(deep, "unicode\n".getBytes(StandardCharsets.UTF_8));
        write("real/target.txt", "through the link\n".getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(dir.resolve("link.txt"), dir.resolve("real/target.txt"));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        new TarGzWriter().write(ArchivePlan.of(dir, ProgressLog.discard()), sink);

        Path extracted = Files.createDirectories(scratch.resolve("y"));
        ParallelGzipOutputStreamTest.run("tar", "xzf", Files.write(scratch.resolve("b.tgz"), sink.toByteArray())
                .toString(), "-C", extracted.toString());
        assertThat(Files.readString(extracted.resolve(deep))).isEqualTo("unicode\n");
        assertThat(Files.readString(extracted.resolve("link.txt"))).isEqualTo("through the link\n");
    }

    private List<String> tarList(byte[] archive) throws Exception {
        Path file = Files.write(scratch.resolve("list.tgz"), archive);
        String out = new String(ParallelGzipOutputStreamTest.run("tar", "tzf", file.toString()).stdout(),
                StandardCharsets.UTF_8);
        return Arrays.asList(out.split("\n"));
    }

    private void write(String name, byte[] content) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }
}
