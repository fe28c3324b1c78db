package io.jenkins.plugins.deploygates.engine.railway;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The engine's only source of time: every wait and every deadline goes through it, so tests of a 20-minute
 * timeout can run on a virtual clock in milliseconds.
 */
public interface RailwayTime {
    Instant now();

    void sleep(Duration duration) throws InterruptedException;

    /**
     * The next item another thread puts in {@code queue}, waiting at most {@code max}; null if none came. A virtual
     * clock takes what is there and otherwise lets {@code max} pass at once.
     */
    default <T> T poll(BlockingQueue<T> queue, Duration max) throws InterruptedException {
        return queue.poll(Math.max(0, max.toMillis()), TimeUnit.MILLISECONDS);
    }

    static RailwayTime system() {
        return new RailwayTime() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                if (!duration.isNegative() && !duration.isZero()) {
                    Thread.sleep(duration.toMillis());
                }
            }
        };
    }
}
