package io.jenkins.plugins.deploygates.engine.railway;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * One block of a {@link ParallelGzipOutputStream}: its uncompressed bytes, the 32 KiB that preceded them (the
 * dictionary), and, once {@link #compress} ran on a pool thread, its raw deflate output. Reused from block to block so
 * the stream allocates nothing per block. Handed between threads only through the pool's futures, which publish it.
 */
final class DeflateBlock {
    /** Deflate's window: matches reach back at most this far, so this much history is all a block needs. */
    static final int WINDOW = 32 * 1024;

    private final byte[] input;
    private final byte[] dictionary = new byte[WINDOW];
    private final Deflater deflater;
    private byte[] output;
    private int length;
    private int dictionaryLength;
    private int outputLength;
    private boolean last;

    DeflateBlock(int blockSize, int level) {
        this.input = new byte[blockSize];
        this.output = new byte[blockSize + blockSize / 8 + 64];
        this.deflater = new Deflater(level, true);
    }

    /** Copies as much as fits; returns how much that was. */
    int fill(byte[] b, int off, int len) {
        int n = Math.min(len, input.length - length);
        System.arraycopy(b, off, input, length, n);
        length += n;
        return n;
    }

    boolean full() {
        return length == input.length;
    }

    /** Starts this block afresh after {@code previous}, whose last 32 KiB become the dictionary. */
    void primeFrom(DeflateBlock previous) {
        dictionaryLength = Math.min(WINDOW, previous.length);
        System.arraycopy(previous.input, previous.length - dictionaryLength, dictionary, 0, dictionaryLength);
        length = 0;
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
            deflater.setDictionary(dictionary, 0, dictionaryLength);
        }
        deflater.setInput(input, 0, length);
        if (last) {
            deflater.finish();
        }
        int flush = last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH;
        outputLength = 0;
        while (true) {
            if (outputLength == output.length) {
                output = Arrays.copyOf(output, output.length * 2);
            }
            int space = output.length - outputLength;
            int n = deflater.deflate(output, outputLength, space, flush);
            outputLength += n;
            // a sync flush is complete once it leaves room in the buffer; the end once the deflater says so
            if (last ? deflater.finished() : n < space) {
                return this;
            }
        }
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(output, 0, outputLength);
    }

    void end() {
        deflater.end();
    }
}
