package io.jenkins.plugins.deploygates.engine.common;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The end of a run that must finish within its timeout. Every connection, read and wait of the run takes what is
 * left of it, never a fresh timeout of its own, so the run as a whole is bounded.
 */
public final class Deadline {
    private final Duration total;
    private final long endNanos;
    private final LongSupplier nanoTime;

    private Deadline(Duration total, LongSupplier nanoTime) {
        this.total = total;
        this.nanoTime = nanoTime;
        this.endNanos = nanoTime.getAsLong() + total.toNanos();
    }

    /** A deadline this long from now, on the JVM's monotonic clock. */
    public static Deadline after(Duration total) {
        return new Deadline(total, System::nanoTime);
    }

    /** For tests: a deadline on a clock they move. */
    static Deadline after(Duration total, LongSupplier nanoTime) {
        return new Deadline(total, nanoTime);
    }

    /** What is left; zero once the deadline has passed. */
    public Duration remaining() {
        long left = endNanos - nanoTime.getAsLong();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** What is left, at least one millisecond, for APIs that read 0 as "no limit". */
    public long remainingMillisForTimeout() {
        return Math.max(1, remaining().toMillis());
    }

    public boolean expired() {
        return remaining().isZero();
    }

    /** The whole timeout, for messages ("the run's 2m ran out"). */
    public Duration total() {
        return total;
    }
}
