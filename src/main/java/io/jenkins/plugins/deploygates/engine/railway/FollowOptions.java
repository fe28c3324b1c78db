package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.io.Serializable;
import java.time.Duration;

/** How a deployment's verdict is awaited. Serializable: a Jenkins step keeps it to follow again after a restart. */
public record FollowOptions(Duration timeout, Duration pollInterval, Duration stableFor, boolean allowSkipped,
        boolean waitForApproval) implements Serializable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(20);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);

    public FollowOptions {
        ConfigurationException.require(timeout != null && !timeout.isNegative() && !timeout.isZero(),
                "timeout must be longer than 0s: write it as 20m.");
        ConfigurationException.require(pollInterval != null && !pollInterval.isNegative() && !pollInterval.isZero(),
                "pollInterval must be longer than 0s: write it as 10s.");
        ConfigurationException.require(stableFor != null && !stableFor.isNegative(),
                "stableFor must not be negative: write it as 0s or 1m.");
    }

    public static FollowOptions defaults() {
        return new FollowOptions(DEFAULT_TIMEOUT, DEFAULT_POLL_INTERVAL, Duration.ZERO, false, false);
    }
}
