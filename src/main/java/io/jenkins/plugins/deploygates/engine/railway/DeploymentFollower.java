package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord.Verdict;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits for a deployment's verdict by polling {@code deployment(id){status}}, streaming its logs meanwhile.
 * The verdict comes from the status alone, within one overall deadline; with {@code stableFor}, a SUCCESS
 * must also hold that long (a deployment that crashes right after going live fails).
 */
public final class DeploymentFollower {
    private final RailwayConnection railway;
    private final FollowOptions options;

    public DeploymentFollower(RailwayConnection railway, FollowOptions options) {
        this.railway = railway;
        this.options = options;
    }

    /** Follows {@code record.deploymentId} and fills in its statuses and verdict. */
    public void follow(DeploymentRecord record, Instant started) throws InterruptedException {
        ProgressLog log = railway.log();
        LogPoller logs = new LogPoller(railway.api(), record.deploymentId, log);
        Instant deadline = started.plus(options.timeout());
        Instant successAt = null;
        while (true) {
            Instant now = railway.time().now();
            String status = readStatus(record, now);
            if (status == null) {
                return;
            }
            if (record.saw(status, now)) {
                log.line("[railway] Deployment " + record.deploymentId + " is " + status + ".");
            }
            logs.poll();
            StatusClass cls = StatusClass.of(status);
            successAt = cls == StatusClass.SUCCEEDED ? (successAt == null ? now : successAt) : successAt;
            if (decide(record, cls, successAt, now, logs)) {
                return;
            }
            if (successAt == null && !now.isBefore(deadline)) {
                timedOut(record, status, logs);
                return;
            }
            railway.time().sleep(nextWait(now, deadline, successAt));
        }
    }

    private void timedOut(DeploymentRecord record, String status, LogPoller logs) {
        fail(record, "Deployment " + record.deploymentId + " reached no verdict within "
                + Durations.format(options.timeout()) + " (last status " + status + "); see " + dashboard(record)
                + ".", logs);
    }

    /** @return whether the verdict is in */
    private boolean decide(DeploymentRecord record, StatusClass cls, Instant successAt, Instant now, LogPoller logs) {
        switch (cls) {
            case SUCCEEDED:
                return stable(record, successAt, now);
            case FAILED:
                return fail(record, "Deployment " + record.deploymentId + " " + record.status
                        + (successAt != null ? " after it had reached SUCCESS" : "") + "; see " + dashboard(record)
                        + ".", logs);
            case REMOVED:
                return fail(record, "Deployment " + record.deploymentId + " was REMOVED (cancelled, or superseded "
                        + "by a newer deployment) before it could be trusted; see " + dashboard(record) + ".", logs);
            case SKIPPED:
                return skipped(record, logs);
            case BLOCKED:
                return !options.waitForApproval() && fail(record, "Deployment " + record.deploymentId
                        + " NEEDS_APPROVAL: approve it in Railway (" + dashboard(record) + ") and run again, or set "
                        + "waitForApproval to wait for the approval.", logs);
            default:
                // A deployment that left SUCCESS for anything (REMOVING, a restart) inside stableFor is not stable.
                return successAt != null && fail(record, "Deployment " + record.deploymentId + " left SUCCESS for "
                        + record.status + " within stableFor " + Durations.format(options.stableFor()) + "; see "
                        + dashboard(record) + ".", logs);
        }
    }

    private boolean stable(DeploymentRecord record, Instant successAt, Instant now) {
        if (Duration.between(successAt, now).compareTo(options.stableFor()) < 0) {
            return false;
        }
        pass(record, Verdict.PASSED, "Deployment " + record.deploymentId + " is " + record.status
                + (options.stableFor().isZero() ? "." : " and stayed up for " + Durations.format(options.stableFor())
                + "."));
        return true;
    }

    private boolean skipped(DeploymentRecord record, LogPoller logs) {
        String why = "Deployment " + record.deploymentId + " was SKIPPED: nothing was deployed (watch patterns "
                + "matched no changed file, or a wait-for-CI check failed)";
        if (options.allowSkipped()) {
            pass(record, Verdict.SKIPPED, why + "; allowed by allowSkipped.");
            return true;
        }
        return fail(record, why + "; set allowSkipped to accept this.", logs);
    }

    private Duration nextWait(Instant now, Instant deadline, Instant successAt) {
        Instant until = successAt != null ? successAt.plus(options.stableFor()) : deadline;
        Duration left = Duration.between(now, until);
        return left.compareTo(options.pollInterval()) < 0 && !left.isNegative() ? left : options.pollInterval();
    }

    /** The status, or null when Railway cannot tell it (the record then holds a failed verdict). */
    private String readStatus(DeploymentRecord record, Instant now) throws InterruptedException {
        try {
            return railway.api().deploymentStatus(record.deploymentId);
        } catch (RailwayApiException | ConfigurationException e) {
            record.finish(Verdict.FAILED, "Could not read the status of deployment " + record.deploymentId + " ("
                    + e.getMessage() + "), so there is no verdict; see " + dashboard(record) + ".", now);
            railway.log().line("[railway] " + record.reason);
            return null;
        }
    }

    private void pass(DeploymentRecord record, Verdict verdict, String why) {
        record.finish(verdict, why, railway.time().now());
        railway.log().line("[railway] " + why);
    }

    /** Records the failure, repeats the last log lines, and returns true (the verdict is in). */
    private boolean fail(DeploymentRecord record, String why, LogPoller logs) {
        try {
            logs.poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        record.finish(Verdict.FAILED, why, railway.time().now());
        ProgressLog log = railway.log();
        if (!logs.tail().isEmpty()) {
            log.line("[railway] Last " + logs.tail().size() + " log lines of deployment " + record.deploymentId + ":");
            logs.tail().forEach(line -> log.line("  " + line));
        }
        log.line("[railway] " + why);
        return true;
    }

    static String dashboard(DeploymentRecord record) {
        return record.logsUrl != null && !record.logsUrl.isEmpty() ? record.logsUrl
                : "the Railway dashboard of " + (record.serviceName == null ? "the service" : "service '"
                        + record.serviceName + "'");
    }
}
