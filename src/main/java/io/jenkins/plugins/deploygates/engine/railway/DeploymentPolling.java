package io.jenkins.plugins.deploygates.engine.railway;

import java.time.Duration;
import java.time.Instant;

/**
 * Follows a deployment by asking, when a subscription cannot be had: one request a round carries the status and
 * both logs' new lines ({@code DeploymentProgress}). Rounds start at the poll interval (10 s by default), stretch by
 * half while nothing changes (up to three times the interval), and slow further as Railway's
 * {@code X-RateLimit-Remaining} falls ({@link RateLimit#slowdown()}); a fixed budget of rounds (what the timeout
 * allows at the base pace, plus a few) caps the total whatever happens.
 */
final class DeploymentPolling implements ProgressSource {
    private static final int SPARE_ROUNDS = 3;
    /** Rounds without logs after a round whose logs failed, before logs are asked for again. */
    private static final int LOGLESS_ROUNDS = 5;

    private final RailwayConnection railway;
    private final String deploymentId;
    private final LogLines logs;
    private final Duration base;
    private final Duration longest;
    private final long budget;
    private Duration interval;
    private String last;
    private long rounds;
    private int logsPaused;

    DeploymentPolling(RailwayConnection railway, String deploymentId, LogLines logs, FollowOptions options) {
        this.railway = railway;
        this.deploymentId = deploymentId;
        this.logs = logs;
        this.base = options.pollInterval();
        this.longest = base.multipliedBy(3);
        this.interval = base;
        this.budget = options.timeout().toMillis() / base.toMillis() + SPARE_ROUNDS;
    }

    @Override
    public String next(Instant until) throws InterruptedException {
        if (rounds > 0) {
            Duration left = Duration.between(railway.time().now(), until);
            Duration pace = interval.multipliedBy(railway.api().rateLimit().slowdown());
            railway.time().sleep(left.compareTo(pace) < 0 ? (left.isNegative() ? Duration.ZERO : left) : pace);
        }
        if (rounds >= budget) {
            return null; // the budget is spent: the deadline decides
        }
        rounds++;
        String status = logsPaused > 0 ? statusOnly() : withLogs();
        interval = status != null && status.equals(last) ? min(interval.multipliedBy(3).dividedBy(2), longest) : base;
        last = status == null ? last : status;
        return status;
    }

    /** Status and logs in one request; when that fails, the status alone (retried) and no logs for a while. */
    private String withLogs() throws InterruptedException {
        RailwayApi.Progress p;
        try {
            p = railway.api().progress(deploymentId, logs.newest(true), logs.newest(false));
        } catch (RailwayApiException e) {
            // a failing log field nulls the whole answer (both are non-null in Railway's schema): ask without logs
            logs.unavailable(e.getMessage());
            logsPaused = LOGLESS_ROUNDS;
            return statusOnly();
        }
        logs.print(true, p.build());
        logs.print(false, p.deploy());
        return p.status().isEmpty() ? null : p.status();
    }

    private String statusOnly() throws InterruptedException {
        logsPaused--;
        String status = railway.api().deploymentStatus(deploymentId);
        return status.isEmpty() ? null : status;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String describe() {
        return "polling";
    }

    @Override
    public void close() {
        // nothing held between rounds
    }
}
