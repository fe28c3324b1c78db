package io.jenkins.plugins.deploygates.engine.health;

import static io.jenkins.plugins.deploygates.engine.common.ConfigurationException.require;

import io.jenkins.plugins.deploygates.engine.common.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a health gate needs to run, validated as a whole before any request is sent. Vocabulary from
 * Kubernetes probes (initial delay, period, timeout, success threshold) and Argo Rollouts analysis (a watch with
 * an error-rate and latency limit, and a consecutive-failure limit).
 */
public final class HealthGateConfig {
    static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private final List<HealthTarget> targets;
    private final Duration initialDelay;
    private final Duration interval;
    private final Duration attemptTimeout;
    private final Duration timeout;
    private final int successThreshold;
    private final Duration watch;
    private final Duration watchInterval;
    private final Double maxErrorRate;
    private final Duration maxP95;
    private final Integer maxConsecutiveFailures;
    private final Duration alreadyWaited;

    private HealthGateConfig(Builder b) {
        this.targets = List.copyOf(b.targets);
        this.initialDelay = b.initialDelay;
        this.interval = b.interval;
        this.attemptTimeout = b.attemptTimeout != null ? b.attemptTimeout
                : DEFAULT_ATTEMPT_TIMEOUT.compareTo(b.timeout) < 0 ? DEFAULT_ATTEMPT_TIMEOUT : b.timeout;
        this.timeout = b.timeout;
        this.successThreshold = b.successThreshold;
        this.watch = b.watch;
        this.watchInterval = b.watchInterval == null ? b.interval : b.watchInterval;
        this.maxErrorRate = b.maxErrorRate;
        this.maxP95 = b.maxP95;
        this.maxConsecutiveFailures = b.maxConsecutiveFailures;
        this.alreadyWaited = b.alreadyWaited;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<HealthTarget> targets() {
        return targets;
    }

    public Duration initialDelay() {
        return initialDelay;
    }

    public Duration interval() {
        return interval;
    }

    public Duration attemptTimeout() {
        return attemptTimeout;
    }

    public Duration timeout() {
        return timeout;
    }

    public int successThreshold() {
        return successThreshold;
    }

    public Duration watch() {
        return watch;
    }

    public boolean watches() {
        return !watch.isZero();
    }

    public Duration watchInterval() {
        return watchInterval;
    }

    public Double maxErrorRate() {
        return maxErrorRate;
    }

    public Duration maxP95() {
        return maxP95;
    }

    public Integer maxConsecutiveFailures() {
        return maxConsecutiveFailures;
    }

    /**
     * The same gate resumed {@code elapsed} after it first started (Jenkins restarted meanwhile): it waits only for
     * the time it had left, so a restart does not lengthen a deploy's wait. It still probes at least once, because
     * the target may have turned healthy while Jenkins was down. The watch window, which has to be observed whole,
     * is kept.
     */
    public HealthGateConfig resumedAfter(Duration elapsed) {
        Builder b = new Builder();
        b.targets.addAll(targets);
        b.initialDelay(initialDelay).interval(interval).attemptTimeout(attemptTimeout).timeout(timeout)
                .successThreshold(successThreshold).watch(watch).watchInterval(watchInterval)
                .maxErrorRate(maxErrorRate).maxP95(maxP95).maxConsecutiveFailures(maxConsecutiveFailures);
        b.alreadyWaited = alreadyWaited.plus(elapsed);
        return b.build();
    }

    /** What is left of the initial delay: all of it, unless the gate resumed after a restart. */
    public Duration initialDelayLeft() {
        return initialDelay.compareTo(alreadyWaited) > 0 ? initialDelay.minus(alreadyWaited) : Duration.ZERO;
    }

    /** What is left of the timeout: all of it, unless the gate resumed after a restart. */
    public Duration timeoutLeft() {
        return timeout.compareTo(alreadyWaited) > 0 ? timeout.minus(alreadyWaited) : Duration.ZERO;
    }

    /** How many watch samples a full watch takes, over all targets. */
    long plannedWatchSamples() {
        long rounds = (watch.toMillis() + watchInterval.toMillis() - 1) / watchInterval.toMillis();
        return Math.max(1, rounds) * targets.size();
    }

    /** One line for the console: what the gate is about to do. */
    public String describe() {
        String await = "await " + targets.size() + " target(s) every " + Durations.format(interval) + " for up to "
                + Durations.format(timeout) + " (" + successThreshold + " consecutive success(es) needed)";
        return watches() ? await + ", then watch " + Durations.format(watch) + " every "
                + Durations.format(watchInterval) : await;
    }

    /** Collects options; {@link #build()} validates them together. */
    public static final class Builder {
        private final List<HealthTarget> targets = new ArrayList<>();
        private Duration initialDelay = Duration.ZERO;
        private Duration interval = Duration.ofSeconds(5);
        /** Null: {@link #DEFAULT_ATTEMPT_TIMEOUT}, or the timeout when that is shorter. */
        private Duration attemptTimeout;
        private Duration timeout = Duration.ofMinutes(5);
        private int successThreshold = 1;
        private Duration watch = Duration.ZERO;
        private Duration watchInterval;
        private Double maxErrorRate;
        private Duration maxP95;
        private Integer maxConsecutiveFailures;
        private Duration alreadyWaited = Duration.ZERO;

        public Builder target(HealthTarget target) {
            targets.add(target);
            return this;
        }

        public Builder initialDelay(Duration d) {
            this.initialDelay = d;
            return this;
        }

        public Builder interval(Duration d) {
            this.interval = d;
            return this;
        }

        public Builder attemptTimeout(Duration d) {
            this.attemptTimeout = d;
            return this;
        }

        public Builder timeout(Duration d) {
            this.timeout = d;
            return this;
        }

        public Builder successThreshold(int n) {
            this.successThreshold = n;
            return this;
        }

        public Builder watch(Duration d) {
            this.watch = d == null ? Duration.ZERO : d;
            return this;
        }

        public Builder watchInterval(Duration d) {
            this.watchInterval = d;
            return this;
        }

        public Builder maxErrorRate(Double rate) {
            this.maxErrorRate = rate;
            return this;
        }

        public Builder maxP95(Duration d) {
            this.maxP95 = d;
            return this;
        }

        public Builder maxConsecutiveFailures(Integer n) {
            this.maxConsecutiveFailures = n;
            return this;
        }

        public HealthGateConfig build() {
            require(!targets.isEmpty(), "url is missing: give at least one endpoint to probe, such as"
                    + " https://api.example.com/health.");
            notNegative("initialDelay", initialDelay);
            positive("interval", interval);
            positive("timeout", timeout);
            if (attemptTimeout != null) {
                positive("attemptTimeout", attemptTimeout);
            }
            timeoutBoundsTheWait();
            require(successThreshold >= 1, "successThreshold is " + successThreshold
                    + ": it must be at least 1 (the number of consecutive healthy rounds needed).");
            notNegative("watch", watch);
            if (watchInterval != null) {
                positive("watchInterval", watchInterval);
            }
            require(maxErrorRate == null || maxErrorRate >= 0 && maxErrorRate <= 1, "maxErrorRate is " + maxErrorRate
                    + ": give a fraction between 0 and 1, such as 0.01 for 1%.");
            if (maxP95 != null) {
                positive("maxP95", maxP95);
            }
            require(maxConsecutiveFailures == null || maxConsecutiveFailures >= 0, "maxConsecutiveFailures is "
                    + maxConsecutiveFailures + ": give 0 or more.");
            boolean watchLimits = maxErrorRate != null || maxP95 != null || maxConsecutiveFailures != null;
            require(!watchLimits || !watch.isZero(), "maxErrorRate, maxP95 and maxConsecutiveFailures apply to the"
                    + " watch phase: also set watch, such as 15m.");
            return new HealthGateConfig(this);
        }

        /** The timeout counts from the start and ends the wait: nothing may be set to outlast it. */
        private void timeoutBoundsTheWait() {
            require(initialDelay.compareTo(timeout) < 0, "initialDelay (" + Durations.format(initialDelay)
                    + ") is not shorter than timeout (" + Durations.format(timeout) + "), which counts from the start:"
                    + " the gate would end before its first probe; give a longer timeout, such as "
                    + Durations.format(initialDelay.plus(timeout)) + ".");
            if (attemptTimeout != null) {
                require(attemptTimeout.compareTo(timeout) <= 0, "attemptTimeout (" + Durations.format(attemptTimeout)
                        + ") is longer than timeout (" + Durations.format(timeout) + "): one attempt would outlive the"
                        + " whole gate; give an attemptTimeout of at most " + Durations.format(timeout)
                        + ", or a longer timeout.");
            }
            for (HealthTarget t : targets) {
                require(t.wsHold().compareTo(timeout) < 0, "wsHold (" + Durations.format(t.wsHold()) + ") is not"
                        + " shorter than timeout (" + Durations.format(timeout) + "): no probe could pass in time;"
                        + " give a longer timeout, such as " + Durations.format(t.wsHold().plus(timeout)) + ".");
            }
        }

        private static void positive(String name, Duration d) {
            require(d != null && !d.isNegative() && !d.isZero(), name + " must be longer than zero:"
                    + " write it as 500ms, 2s, 5m or 1h.");
        }

        private static void notNegative(String name, Duration d) {
            require(d != null && !d.isNegative(), name + " must not be negative: write it as 0s, 2s, 5m or 1h.");
        }
    }
}
