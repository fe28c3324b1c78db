package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord.Verdict;
import io.jenkins.plugins.deploygates.engine.railway.ProgressSource.SubscriptionLost;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits for a deployment's verdict within one overall deadline, printing its logs meanwhile. It follows the
 * deployment over a subscription ({@link DeploymentSubscription}) as the Railway CLI does, opens it again if it
 * drops (twice), and otherwise polls ({@link DeploymentPolling}). The verdict comes from the status alone; with
 * {@code stableFor}, a SUCCESS must also hold that long. A read that keeps failing decides only when the deadline
 * comes, and every verdict without a final status says whether the deployment may still go live and what to do.
 */
public final class DeploymentFollower {
    private static final int REOPENS = 2;
    private static final int FAILURE_LINES = 20;

    private final RailwayConnection railway;
    private final FollowOptions options;

    public DeploymentFollower(RailwayConnection railway, FollowOptions options) {
        this.railway = railway;
        this.options = options;
    }

    /** Follows {@code record.deploymentId} and fills in its statuses and verdict. */
    public void follow(DeploymentRecord record, Instant started) throws InterruptedException {
        Instant deadline = started.plus(options.timeout());
        LogLines logs = new LogLines(railway.log());
        ProgressSource source = open(record, logs, 0);
        int reopened = 0;
        Instant successAt = null;
        try {
            boolean seeded = source instanceof DeploymentSubscription && seed(record);
            while (true) {
                Instant until = successAt != null ? earliest(successAt.plus(options.stableFor()), deadline) : deadline;
                String next;
                try {
                    next = seeded ? record.status : source.next(until);
                    seeded = false;
                } catch (SubscriptionLost e) {
                    source.close();
                    log("The subscription to deployment " + record.deploymentId + " ended (" + e.getMessage() + ").");
                    source = open(record, logs, ++reopened);
                    continue;
                } catch (RailwayApiException | ConfigurationException e) {
                    readFailed(record, e, logs);
                    return;
                }
                Instant now = railway.time().now();
                if (next != null && record.saw(next, now)) {
                    log("Deployment " + record.deploymentId + " is " + next + ".");
                }
                if (record.status != null) {
                    StatusClass cls = StatusClass.of(record.status);
                    successAt = cls == StatusClass.SUCCEEDED ? (successAt == null ? now : successAt) : successAt;
                    if (decide(record, cls, successAt, now, logs)) {
                        return;
                    }
                }
                if (successAt == null && !now.isBefore(deadline)) {
                    timedOut(record, logs);
                    return;
                }
            }
        } finally {
            source.close();
        }
    }

    /** The subscription first, as long as it has not dropped too often; polling otherwise. */
    private ProgressSource open(DeploymentRecord record, LogLines logs, int attempt) throws InterruptedException {
        if (attempt <= REOPENS) {
            try {
                ProgressSource s = DeploymentSubscription.open(railway, record.deploymentId, logs);
                log("Following deployment " + record.deploymentId + " over a subscription.");
                return s;
            } catch (SubscriptionLost e) {
                log("Following deployment " + record.deploymentId + " by polling every "
                        + Durations.format(options.pollInterval()) + " or slower: the subscription could not be"
                        + " opened (" + e.getMessage() + ").");
            }
        }
        return new DeploymentPolling(railway, record.deploymentId, logs, options);
    }

    /**
     * One read of the status beside the subscription: Railway may push only changes, and a deployment that finished
     * before the subscription started would otherwise never speak again.
     */
    private boolean seed(DeploymentRecord record) throws InterruptedException {
        try {
            RailwayApi.Deployment d = railway.api().deployment(record.deploymentId);
            String status = d == null ? "" : d.status();
            if (!status.isEmpty() && record.saw(status, railway.time().now())) {
                log("Deployment " + record.deploymentId + " is " + status + ".");
            }
            return !status.isEmpty();
        } catch (RailwayApiException e) {
            return false; // the subscription tells the status too
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private void timedOut(DeploymentRecord record, LogLines logs) {
        fail(record, "Deployment " + record.deploymentId + " reached no verdict within "
                + Durations.format(options.timeout()) + " (last status " + (record.status == null ? "unknown"
                : record.status) + "). " + record.outlook(), logs, false);
    }

    private void readFailed(DeploymentRecord record, RuntimeException e, LogLines logs) {
        fail(record, "Could not read the status of deployment " + record.deploymentId + " (" + e.getMessage()
                + "), so there is no verdict. " + record.outlook(), logs, false);
    }

    /** @return whether the verdict is in */
    private boolean decide(DeploymentRecord record, StatusClass cls, Instant successAt, Instant now, LogLines logs)
            throws InterruptedException {
        switch (cls) {
            case SUCCEEDED:
                return stable(record, successAt, now);
            case FAILED:
                return fail(record, "Deployment " + record.deploymentId + " " + record.status
                        + (successAt != null ? " after it had reached SUCCESS" : "") + diagnosis(record, logs)
                        + "; see " + dashboard(record) + ".", logs, false);
            case REMOVED:
                return fail(record, "Deployment " + record.deploymentId + " was REMOVED (cancelled, or superseded "
                        + "by a newer deployment) before it could be trusted; see " + dashboard(record) + ".", logs,
                        true);
            case SKIPPED:
                return skipped(record, logs);
            case BLOCKED:
                return !options.waitForApproval() && fail(record, "Deployment " + record.deploymentId
                        + " NEEDS_APPROVAL: approve it in Railway (" + dashboard(record) + ") and run again, or set "
                        + "waitForApproval to wait for the approval.", logs, true);
            default:
                // A deployment that left SUCCESS for anything (REMOVING, a restart) inside stableFor is not stable.
                return successAt != null && fail(record, "Deployment " + record.deploymentId + " left SUCCESS for "
                        + record.status + " within stableFor " + Durations.format(options.stableFor()) + "; see "
                        + dashboard(record) + ".", logs, true);
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

    private boolean skipped(DeploymentRecord record, LogLines logs) {
        String why = "Deployment " + record.deploymentId + " was SKIPPED: nothing was deployed (watch patterns "
                + "matched no changed file, or a wait-for-CI check failed)";
        if (options.allowSkipped()) {
            pass(record, Verdict.SKIPPED, why + "; allowed by allowSkipped.");
            return true;
        }
        return fail(record, why + "; set allowSkipped to accept this.", logs, true);
    }

    /**
     * Railway's diagnosis of a failed deployment and its last log lines (printed, not repeated), in one request;
     * a diagnosis is added to the reason as ": Railway's diagnosis: ...".
     */
    private String diagnosis(DeploymentRecord record, LogLines logs) throws InterruptedException {
        try {
            RailwayApi.Outcome outcome = railway.api().outcome(record.deploymentId, FAILURE_LINES);
            logs.print(true, outcome.build());
            logs.print(false, outcome.deploy());
            return outcome.diagnosis().isEmpty() ? "" : " (Railway's diagnosis: " + outcome.diagnosis() + ")";
        } catch (RailwayApiException | ConfigurationException e) {
            return "";
        }
    }

    private void pass(DeploymentRecord record, Verdict verdict, String why) {
        record.finish(verdict, why, railway.time().now());
        log(why);
    }

    /** Records the failure, repeats the last log lines, and returns true (the verdict is in). */
    private boolean fail(DeploymentRecord record, String why, LogLines logs, boolean fetchLines) {
        if (fetchLines) {
            try {
                diagnosis(record, logs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

    private void log(String line) {
        railway.log().line("[railway] " + line);
    }

    static String dashboard(DeploymentRecord record) {
        return record.logsUrl != null && !record.logsUrl.isEmpty() ? record.logsUrl
                : "the Railway dashboard of " + (record.serviceName == null ? "the service" : "service '"
                        + record.serviceName + "'");
    }
}
