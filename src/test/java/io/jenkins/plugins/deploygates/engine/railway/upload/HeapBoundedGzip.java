package io.jenkins.plugins.deploygates.engine.railway.upload;

import java.io.OutputStream;
import java.util.SplittableRandom;

/**
 * Run in a child JVM with a tiny G1 heap by {@link ParallelGzipHeapTest}: compresses {@code args[0]} MiB of half
 * text, half random bytes on every core, allocating a fresh buffer per write as reading files does, and prints how
 * many bytes came out. Dies with OutOfMemoryError if the stream held on to what it compresses.
 */
public final class HeapBoundedGzip {
    private HeapBoundedGzip() {}

    public static void main(String[] args) throws Exception {
        int mib = Integer.parseInt(args[0]);
        byte[] text = ParallelGzipOutputStreamTest.text(64 * 1024, 3);
        SplittableRandom random = new SplittableRandom(4);
        long[] written = new long[1];
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written[0] += len;
            }
        };
        try (ParallelGzipOutputStream gz = new ParallelGzipOutputStream(counting, 6, 2, 128 * 1024)) {
            for (int i = 0; i < mib * 16; i++) {
                byte[] chunk = new byte[64 * 1024];
                if (i % 2 == 0) {
                    random.nextBytes(chunk);
                } else {
                    System.arraycopy(text, 0, chunk, 0, chunk.length);
                }
                gz.write(chunk);
            }
        }
        System.out.println("compressed=" + written[0]);
    }
}
