package io.jenkins.plugins.deploygates.engine.railway.upload;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * One block of a {@link ParallelGzipOutputStream}: its uncompressed bytes, the 32 KiB that preceded them (the
 * dictionary), and, once {@link #compress} ran on a pool thread, its raw deflate output. Reused from block to block so
 * the stream allocates nothing per block. Handed between threads only through the pool's futures, which publish it.
 *
 * <p>The buffers are direct (off the heap, about 300 KiB a block). With heap arrays the deflater would hold each one
 * in a JNI critical section for the whole block, and with every core deflating the garbage collector could hardly
 * ever run: in a small heap the writing thread then failed with OutOfMemoryError ("Retried waiting for GCLocker too
 * often") although almost nothing was live.
 */
final class DeflateBlock {
    /** Deflate's window: matches reach back at most this far, so this much history is all a block needs. */
    static final int WINDOW = 32 * 1024;

    private final ByteBuffer input;
    private final ByteBuffer dictionary = ByteBuffer.allocateDirect(WINDOW);
    private final Deflater deflater;
    private ByteBuffer output;
    private int dictionaryLength;
    private boolean last;

    DeflateBlock(int blockSize, int level) {
        this.input = ByteBuffer.allocateDirect(blockSize);
        this.output = ByteBuffer.allocateDirect(blockSize + blockSize / 8 + 64);
        this.deflater = new Deflater(level, true);
    }

    /** Copies as much as fits; returns how much that was. */
    int fill(byte[] b, int off, int len) {
        int n = Math.min(len, input.remaining());
        input.put(b, off, n);
        return n;
    }

    boolean full() {
        return !input.hasRemaining();
    }

    /** Starts this block afresh after {@code previous}, whose last 32 KiB become the dictionary. */
    void primeFrom(DeflateBlock previous) {
        int previousLength = previous.input.position();
        dictionaryLength = Math.min(WINDOW, previousLength);
        dictionary.put(0, previous.input, previousLength - dictionaryLength, dictionaryLength);
        input.clear();
        last = false;
    }

    void markLast() {
        last = true;
    }

    /**
     * Deflates the block as a continuation of the stream: a sync flush ends it on a byte boundary (with no final
     * bit), so the next block's output can simply follow; the last block instead ends the deflate stream.
     */
    DeflateBlock compress() {
        deflater.reset();
        if (dictionaryLength > 0) {
            deflater.setDictionary(dictionary.slice(0, dictionaryLength));
        }
        deflater.setInput(input.slice(0, input.position()));
        if (last) {
            deflater.finish();
        }
        int flush = last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH;
        output.clear();
        while (true) {
            if (!output.hasRemaining()) {
                output = ByteBuffer.allocateDirect(output.capacity() * 2).put(output.flip());
            }
            deflater.deflate(output, flush);
            // a sync flush is complete once it leaves room in the buffer; the end once the deflater says so
            if (last ? deflater.finished() : output.hasRemaining()) {
                output.flip();
                return this;
            }
        }
    }

    /** Copies the output through {@code chunk} (a heap array the writing thread reuses) into {@code out}. */
    void writeTo(OutputStream out, byte[] chunk) throws IOException {
        while (output.hasRemaining()) {
            int n = Math.min(chunk.length, output.remaining());
            output.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    void end() {
        deflater.end();
    }
}
