package io.jenkins.plugins.deploygates.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** At most {@code limit} requests per key in each window; over it, how long until the window ends. */
final class FixedWindowRateLimiter {
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Instant> windowStart = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();

    FixedWindowRateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Empty when the request may go on; else the time left in the window. */
    synchronized Optional<Duration> acquire(String key) {
        Instant now = clock.instant();
        Instant start = windowStart.get(key);
        if (start == null || !now.isBefore(start.plus(window))) {
            windowStart.put(key, now);
            counts.put(key, 0);
            start = now;
        }
        int count = counts.merge(key, 1, Integer::sum);
        return count <= limit ? Optional.empty() : Optional.of(Duration.between(now, start.plus(window)));
    }
}
