package io.jenkins.plugins.deploygates.engine.railway;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when the engine sleeps: a 20-minute wait takes no real time. */
public final class VirtualTime implements RailwayTime {
    private final Instant start = Instant.parse("2026-11-24T12:00:00Z");
    private final AtomicLong elapsedMillis = new AtomicLong();
    private final AtomicLong sleeps = new AtomicLong();

    @Override
    public Instant now() {
        return start.plusMillis(elapsedMillis.get());
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.incrementAndGet();
        elapsedMillis.addAndGet(Math.max(0, duration.toMillis()));
    }

    /** Takes what another thread already queued; otherwise lets {@code max} pass at once. */
    @Override
    public <T> T poll(java.util.concurrent.BlockingQueue<T> queue, Duration max) {
        T item = queue.poll();
        if (item == null) {
            sleep(max);
        }
        return item;
    }

    public Duration elapsed() {
        return Duration.ofMillis(elapsedMillis.get());
    }

    public long sleeps() {
        return sleeps.get();
    }
}
