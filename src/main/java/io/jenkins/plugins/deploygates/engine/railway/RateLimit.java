package io.jenkins.plugins.deploygates.engine.railway;

import java.time.Instant;
import okhttp3.Response;

/**
 * Railway's hourly request budget as its last answer gave it ({@code X-RateLimit-Remaining},
 * {@code X-RateLimit-Limit}, {@code X-RateLimit-Reset}); unknown until an answer carries the headers.
 */
record RateLimit(long remaining, long limit, Instant seenAt) {
    static final RateLimit UNKNOWN = new RateLimit(-1, -1, Instant.EPOCH);

    boolean known() {
        return remaining >= 0;
    }

    /**
     * How much slower than its base pace a follower should go: 1 while the budget is comfortable, then 2, 4, 8 and
     * 16 as fewer requests remain, so a deploy that runs for an hour never spends the last of a Free plan's 100.
     */
    int slowdown() {
        if (!known() || remaining >= 200) {
            return 1;
        }
        if (remaining >= 100) {
            return 2;
        }
        if (remaining >= 50) {
            return 4;
        }
        return remaining >= 20 ? 8 : 16;
    }

    static RateLimit from(Response response, Instant now, RateLimit previous) {
        long remaining = number(response.header("X-RateLimit-Remaining"));
        if (remaining < 0) {
            return previous;
        }
        return new RateLimit(remaining, number(response.header("X-RateLimit-Limit")), now);
    }

    private static long number(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
