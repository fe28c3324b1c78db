package io.jenkins.plugins.deploygates.engine.railway;

import java.time.Instant;

/** Where a follower learns a deployment's status: a subscription pushes it, polling asks for it. */
interface ProgressSource extends AutoCloseable {
    /**
     * The status seen next (log lines that arrive meanwhile are printed), or null when no news came by
     * {@code until}.
     *
     * @throws SubscriptionLost when a subscription ended before the verdict (the follower opens another way)
     */
    String next(Instant until) throws InterruptedException;

    /** How this source follows, for the log: "subscription" or "polling". */
    String describe();

    @Override
    void close();

    /** The subscription closed or failed before the verdict. */
    final class SubscriptionLost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SubscriptionLost(String why) {
            super(why);
        }
    }
}
