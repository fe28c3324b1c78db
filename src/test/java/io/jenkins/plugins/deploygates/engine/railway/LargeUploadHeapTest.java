package io.jenkins.plugins.deploygates.engine.railway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 MB tree goes up from a JVM with a 48 MB heap: 120 MB of sparse zeros and 80 MB of random bytes, so
 * the compressed archive alone (over 80 MB) could not fit in that heap. The upload streams, so it succeeds.
 */
class LargeUploadHeapTest {
    private static final int MB = 1024 * 1024;
    private static final String HEAP = "48m";

    @TempDir
    Path dir;

    @Test
    void twoHundredMegabyteTreeIsUploadedWithAFlatHeap() throws Exception {
        long treeBytes = generateTree();
        assertThat(treeBytes).isEqualTo(200L * MB);
        try (FakeRailway fake = new FakeRailway().keepUploadBytes(0)) {
            Process child = new ProcessBuilder(javaBinary(), "-Xmx" + HEAP, "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), HeapBoundedUpload.class.getName(),
                    fake.url(), dir.toString()).redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(child.exitValue()).as(output).isZero();
            List<FakeRailway.Upload> uploads = fake.uploads();
            assertThat(uploads).hasSize(1);
            long received = uploads.get(0).bodySize();
            assertThat(received).as("compressed archive larger than the child's heap").isGreaterThan(80L * MB);
            assertThat(output).contains("files=25 sent=" + received);
            assertThat(peakHeap(output)).isLessThan(48L * MB);
        }
    }

    /** 15 sparse files of zeros and 10 of random bytes, 8 MiB each. */
    private long generateTree() throws IOException {
        for (int i = 0; i < 15; i++) {
            try (RandomAccessFile f = new RandomAccessFile(dir.resolve("zeros-" + i + ".bin").toFile(), "rw")) {
                f.setLength(8L * MB);
            }
        }
        SplittableRandom random = new SplittableRandom(42);
        byte[] chunk = new byte[64 * 1024];
        Files.createDirectories(dir.resolve("assets"));
        for (int i = 0; i < 10; i++) {
            try (OutputStream out = Files.newOutputStream(dir.resolve("assets/random-" + i + ".bin"))) {
                for (int n = 0; n < 8 * MB / chunk.length; n++) {
                    random.nextBytes(chunk);
                    out.write(chunk);
                }
            }
        }
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static long peakHeap(String output) {
        Matcher m = Pattern.compile("peakHeap=(\\d+)").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
