package io.jenkins.plugins.deploygates.engine.railway.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel gzip stream against independent readers: the JDK's GZIPInputStream, a raw Inflater (to prove one
 * member with one deflate stream) and the system's {@code gzip}, on the edge cases of block cutting.
 */
class ParallelGzipOutputStreamTest {
    private static final int BLOCK = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void emptyInputIsAValidEmptyGzip() throws Exception {
        byte[] gz = compress(new byte[0], 2, BLOCK);

        assertRoundTrip(new byte[0], gz);
        assertThat(gzipTest(gz)).isEqualTo("");
    }

    @Test
    void inputOfExactlyOneBlockRoundTrips() throws Exception {
        byte[] data = text(BLOCK, 1);

        assertRoundTrip(data, compress(data, 2, BLOCK));
    }

    @Test
    void oneByteMoreOrLessThanABlockRoundTrips() throws Exception {
        assertRoundTrip(text(BLOCK - 1, 2), compress(text(BLOCK - 1, 2), 2, BLOCK));
        assertRoundTrip(text(BLOCK + 1, 3), compress(text(BLOCK + 1, 3), 2, BLOCK));
    }

    @Test
    void manyBlocksOfMixedDataRoundTripThroughTheSystemGunzip() throws Exception {
        byte[] data = mixed(40 * BLOCK + 12345);
        byte[] gz = compress(data, 3, BLOCK);

        assertRoundTrip(data, gz);
        assertThat(gzipTest(gz)).isEqualTo("");
        assertThat(gunzip(gz)).isEqualTo(data);
    }

    @Test
    void randomDataRoundTripsAndGrowsOnlyByStoredBlockOverhead() throws Exception {
        byte[] data = new byte[20 * BLOCK + 7];
        new SplittableRandom(7).nextBytes(data);
        byte[] gz = compress(data, 2, BLOCK);

        assertRoundTrip(data, gz);
        assertThat(gunzip(gz)).isEqualTo(data);
        assertThat(gz.length).isLessThan(data.length + data.length / 100);
    }

    @Test
    void oneByteWritesGiveTheSameBytesAsArrayWrites() throws Exception {
        byte[] data = text(3 * BLOCK + 100, 4);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gz = new ParallelGzipOutputStream(sink, 6, 2, BLOCK)) {
            for (byte b : data) {
                gz.write(b);
            }
        }

        assertThat(sink.toByteArray()).isEqualTo(compress(data, 2, BLOCK));
    }

    @Test
    void eachBlockIsPrimedWithThePreviousWindowSoRepeatsAcrossBlocksStillCompress() throws Exception {
        byte[] chunk = new byte[16 * 1024];
        new SplittableRandom(9).nextBytes(chunk);
        byte[] data = new byte[32 * BLOCK];
        for (int i = 0; i < data.length; i += chunk.length) {
            System.arraycopy(chunk, 0, data, i, chunk.length);
        }
        byte[] gz = compress(data, 2, BLOCK);

        assertRoundTrip(data, gz);
        // without the dictionary every block would carry the 16 KiB chunk as literals once: over 512 KiB in all
        assertThat(gz.length).isLessThan(chunk.length + 32 * 1024);
    }

    @Test
    void ratioOnTextStaysWithinOnePercentOfOneStream() throws Exception {
        byte[] data = text(4 * 1024 * 1024, 5);
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(single)) {
            gz.write(data);
        }

        assertThat((double) compress(data, 2, BLOCK).length).isLessThan(single.size() * 1.01);
    }

    @Test
    void trailerHoldsTheSizeModuloTwoToTheThirtyTwo() {
        byte[] t = ParallelGzipOutputStream.trailer(0xCAFEBABEL, (1L << 32) + 5);

        assertThat(t).containsExactly(0xBE, 0xBA, 0xFE, 0xCA, 5, 0, 0, 0);
    }

    @Test
    void aFailingSinkFailsTheWriteAndLeavesNoThreadBehind() throws Exception {
        OutputStream failing = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 1000) {
                    throw new IOException("connection reset");
                }
            }
        };
        ParallelGzipOutputStream gz = new ParallelGzipOutputStream(failing, 6, 2, BLOCK);
        byte[] data = mixed(20 * BLOCK);

        assertThatThrownBy(() -> {
            gz.write(data);
            gz.finish();
        }).hasMessage("connection reset");
        assertThatThrownBy(gz::close).isInstanceOf(IOException.class);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("deploy-gates-gzip-")
                && t.isAlive() && t.getState() != Thread.State.TERMINATED);
    }

    @Test
    void blocksSmallerThanTheWindowAreRefused() {
        assertThatThrownBy(() -> new ParallelGzipOutputStream(OutputStream.nullOutputStream(), 6, 2, 1024))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Decompresses with the JDK, then checks there is exactly one member: header, one deflate stream, trailer. */
    static void assertRoundTrip(byte[] expected, byte[] gz) throws IOException, DataFormatException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(expected);
        }
        assertThat(Arrays.copyOf(gz, 4)).containsExactly(0x1f, 0x8b, 8, 0);
        Inflater inflater = new Inflater(true);
        inflater.setInput(gz, 10, gz.length - 10);
        byte[] sink = new byte[64 * 1024];
        long total = 0;
        while (!inflater.finished()) {
            int n = inflater.inflate(sink);
            assertThat(n > 0 || !inflater.needsInput()).as("deflate stream ended early").isTrue();
            total += n;
        }
        assertThat(inflater.getRemaining()).as("bytes after the deflate stream: trailer only").isEqualTo(8);
        inflater.end();
        CRC32 crc = new CRC32();
        crc.update(expected);
        assertThat(Arrays.copyOfRange(gz, gz.length - 8, gz.length))
                .isEqualTo(ParallelGzipOutputStream.trailer(crc.getValue(), expected.length));
        assertThat(total).isEqualTo(expected.length);
    }

    static byte[] compress(byte[] data, int threads, int blockSize) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gz = new ParallelGzipOutputStream(sink, Deflater.DEFAULT_COMPRESSION,
                threads, blockSize)) {
            // odd write sizes, so writes straddle block ends
            for (int off = 0; off < data.length; off += 10_007) {
                gz.write(data, off, Math.min(10_007, data.length - off));
            }
        }
        return sink.toByteArray();
    }

    /** Source-like text: words from a small vocabulary, as code repeats its identifiers. */
    static byte[] text(int length, long seed) {
        String[] words = {"public", "final", "class", "return", "import", "void", "int", "String", "(", ")", "{",
            "}", ";\n", "    ", "deployment", "archive", "upload", "health", "gate", "=", "+", "if", "else"};
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(length + 16);
        while (sb.length() < length) {
            sb.append(words[random.nextInt(words.length)]).append(' ');
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), length);
    }

    static byte[] mixed(int length) {
        byte[] data = text(length, 11);
        SplittableRandom random = new SplittableRandom(12);
        for (int off = 0; off + 50_000 < length; off += 150_000) {
            byte[] noise = new byte[50_000];
            random.nextBytes(noise);
            System.arraycopy(noise, 0, data, off, noise.length);
        }
        return data;
    }

    /** {@code gzip -t}'s complaints (empty when the file is sound). */
    private String gzipTest(byte[] gz) throws Exception {
        Path file = Files.write(dir.resolve("t.gz"), gz);
        return run("gzip", "-t", file.toString()).stderr;
    }

    private byte[] gunzip(byte[] gz) throws Exception {
        Path file = Files.write(dir.resolve("u.gz"), gz);
        Result r = run("gunzip", "-c", file.toString());
        assertThat(r.stderr).isEmpty();
        return r.stdout;
    }

    record Result(byte[] stdout, String stderr) {}

    static Result run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        byte[][] err = new byte[1][];
        Thread drain = new Thread(() -> {
            try {
                err[0] = p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                err[0] = e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        drain.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        drain.join();
        String stderr = new String(err[0], StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + stderr).isZero();
        return new Result(out, stderr);
    }
}
