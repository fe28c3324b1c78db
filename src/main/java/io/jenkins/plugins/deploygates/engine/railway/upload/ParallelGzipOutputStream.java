package io.jenkins.plugins.deploygates.engine.railway.upload;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * A gzip stream compressed on several cores, the way pigz does it. The input is cut into blocks; each block is
 * deflated on a pool thread with the 32 KiB before it as preset dictionary (so matches across the cut are still
 * found and the ratio stays that of one stream) and ends byte-aligned with a sync flush, the last with the final
 * deflate block. Written in order behind one header and before one trailer, the blocks form a single ordinary gzip
 * member that any gunzip reads.
 *
 * <p>At most {@code 4 × threads} blocks are in flight (about 300 KiB each, off the heap, see {@link DeflateBlock}):
 * enough queued work
 * that the workers keep busy while the writing thread waits for a core on a shared machine, few enough that
 * memory stays a couple of megabytes whatever the input size. When the pool falls behind, or the reader of
 * {@code out} does, {@link #write} waits.
 *
 * <p>The CRC-32 is updated on the writing thread as bytes arrive: it runs at several GB/s (an intrinsic), so
 * combining per-block CRCs would save nothing measurable and add arithmetic that could be wrong.
 */
public final class ParallelGzipOutputStream extends OutputStream {
    static final int DEFAULT_BLOCK_SIZE = 128 * 1024;
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255};
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final OutputStream out;
    private final int level;
    private final int blockSize;
    private final int maxInFlight;
    private final ExecutorService pool;
    private final Deque<Future<DeflateBlock>> inFlight = new ArrayDeque<>();
    private final Deque<DeflateBlock> spare = new ArrayDeque<>();
    private final List<DeflateBlock> allBlocks = new ArrayList<>();
    private final CRC32 crc = new CRC32();
    private final byte[] chunk = new byte[64 * 1024];
    private long size;
    private DeflateBlock current;
    private boolean finished;
    private boolean closed;

    /** Default level (6, as gzip and pigz), one thread per available core, 128 KiB blocks. */
    public ParallelGzipOutputStream(OutputStream out) throws IOException {
        this(out, java.util.zip.Deflater.DEFAULT_COMPRESSION, Runtime.getRuntime().availableProcessors(),
                DEFAULT_BLOCK_SIZE);
    }

    /** {@code blockSize} must hold at least the 32 KiB dictionary window, since only the previous block primes. */
    public ParallelGzipOutputStream(OutputStream out, int level, int threads, int blockSize) throws IOException {
        if (blockSize < DeflateBlock.WINDOW || threads < 1) {
            throw new IllegalArgumentException("blockSize >= 32 KiB and threads >= 1 required");
        }
        this.out = out;
        this.level = level;
        this.blockSize = blockSize;
        this.maxInFlight = 4 * threads;
        this.pool = Executors.newFixedThreadPool(threads, daemonThreads());
        this.current = newBlock();
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        crc.update(b, off, len);
        size += len;
        while (len > 0) {
            int n = current.fill(b, off, len);
            off += n;
            len -= n;
            if (current.full()) {
                submitFullBlock();
            }
        }
    }

    /** Compresses what is left, writes the trailer and stops the threads; {@code out} stays open. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        ensureOpen();
        current.markLast();
        inFlight.add(pool.submit(current::compress));
        while (!inFlight.isEmpty()) {
            writeHead();
        }
        out.write(trailer(crc.getValue(), size));
        finished = true;
        release();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Finishes the stream (if nothing failed before) and closes {@code out}; always stops the threads. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            finish();
        } finally {
            closed = true;
            release();
            out.close();
        }
    }

    /** The gzip trailer: CRC-32 of the uncompressed bytes, then their count modulo 2^32, both little-endian. */
    static byte[] trailer(long crc32, long uncompressedSize) {
        byte[] t = new byte[8];
        for (int i = 0; i < 4; i++) {
            t[i] = (byte) (crc32 >>> (8 * i));
            t[4 + i] = (byte) (uncompressedSize >>> (8 * i));
        }
        return t;
    }

    private void submitFullBlock() throws IOException {
        while (inFlight.size() >= maxInFlight) {
            writeHead();
        }
        DeflateBlock next = spare.isEmpty() ? newBlock() : spare.pop();
        next.primeFrom(current);
        DeflateBlock full = current;
        inFlight.add(pool.submit(full::compress));
        current = next;
        while (!inFlight.isEmpty() && inFlight.peek().isDone()) {
            writeHead();
        }
    }

    /** Waits for the oldest block, writes it, and keeps its buffers for reuse. */
    private void writeHead() throws IOException {
        DeflateBlock done;
        try {
            done = inFlight.peek().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing the upload archive");
        } catch (ExecutionException e) {
            throw new IOException("compressing a block failed", e.getCause());
        }
        inFlight.pop();
        done.writeTo(out, chunk);
        spare.push(done);
    }

    private DeflateBlock newBlock() {
        DeflateBlock block = new DeflateBlock(blockSize, level);
        allBlocks.add(block);
        return block;
    }

    /**
     * Stops the pool and frees the deflaters' native memory once no thread can be using them. For callers that
     * must not close {@code out} but may stop half-way (an exception): finishing already released.
     */
    void release() throws IOException {
        if (pool.isShutdown()) {
            return;
        }
        inFlight.forEach(f -> f.cancel(false));
        pool.shutdown();
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping the compression threads");
        } finally {
            allBlocks.forEach(DeflateBlock::end);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed || finished) {
            throw new IOException("the gzip stream is " + (closed ? "closed" : "already finished"));
        }
    }

    private static ThreadFactory daemonThreads() {
        int poolNumber = POOLS.incrementAndGet();
        AtomicInteger threadNumber = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "deploy-gates-gzip-" + poolNumber + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
