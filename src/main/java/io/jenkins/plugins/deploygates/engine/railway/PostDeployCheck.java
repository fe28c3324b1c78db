package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.health.GateRuntime;
import io.jenkins.plugins.deploygates.engine.health.HealthGate;
import io.jenkins.plugins.deploygates.engine.health.HealthGateConfig;
import io.jenkins.plugins.deploygates.engine.health.HealthTarget;
import io.jenkins.plugins.deploygates.engine.health.Verdict;
import java.time.Instant;
import okhttp3.HttpUrl;

/**
 * Runs {@link PostDeployChecks} after a SUCCESS: Railway's own health check only runs at deploy time and only
 * if configured, so a green status can still hide a dead endpoint or the old code. Either check failing turns
 * the record's verdict to FAILED.
 */
final class PostDeployCheck {
    private final RailwayConnection railway;
    private final Redactor redactor;

    PostDeployCheck(RailwayConnection railway, Redactor redactor) {
        this.railway = railway;
        this.redactor = redactor;
    }

    void run(DeploymentRecord record, PostDeployChecks checks, FollowOptions follow, Instant started)
            throws InterruptedException {
        if (checks.healthCheck() != null && !healthy(record, checks, follow, started.plus(follow.timeout()))) {
            return;
        }
        if (checks.expectVersion() != null) {
            version(record, checks, follow, started);
        }
    }

    private boolean healthy(DeploymentRecord record, PostDeployChecks checks, FollowOptions follow, Instant deadline)
            throws InterruptedException {
        HttpUrl url = VersionProbe.resolve(checks.healthCheck(), record.deploymentDomain);
        if (url == null) {
            return fail(record, "healthCheck '" + checks.healthCheck() + "' needs a full URL: deployment "
                    + record.deploymentId + " has no public domain.");
        }
        HealthGateConfig config = HealthGateConfig.builder()
                .target(HealthTarget.builder(url.toString()).build())
                .interval(follow.pollInterval())
                .timeout(within(checks.healthCheckTimeout(), deadline))
                .build();
        Verdict verdict = HealthGate.run(config, GateRuntime.shared(), railway.log(), redactor);
        if (!verdict.isHealthy()) {
            return fail(record, "Deployment " + record.deploymentId + " is SUCCESS but its health check failed: "
                    + verdict.getReason());
        }
        record.reason = record.reason + " Health check " + url + " passed.";
        return true;
    }

    private void version(DeploymentRecord record, PostDeployChecks checks, FollowOptions follow, Instant started)
            throws InterruptedException {
        HttpUrl url = VersionProbe.resolve(checks.versionUrl(), record.deploymentDomain);
        if (url == null) {
            fail(record, "expectVersion needs a versionUrl: deployment " + record.deploymentId
                    + " has no public domain to take '" + checks.versionUrl() + "' on.");
            return;
        }
        log("Waiting up to " + Durations.format(follow.timeout()) + " from the start for " + url
                + " to report version " + checks.expectVersion() + ".");
        String why = new VersionProbe(railway.http(), railway.time()).await(url, checks.expectVersion(),
                started.plus(follow.timeout()), follow.pollInterval());
        if (why != null) {
            fail(record, why);
            return;
        }
        record.reason = record.reason + " " + url + " reports " + checks.expectVersion() + ".";
        log(url + " reports " + checks.expectVersion() + ".");
    }

    /** The health check's own timeout, cut to what the run's timeout leaves (at least a second, for one look). */
    private java.time.Duration within(java.time.Duration own, Instant deadline) {
        java.time.Duration left = java.time.Duration.between(railway.time().now(), deadline);
        java.time.Duration floor = java.time.Duration.ofSeconds(1);
        java.time.Duration bounded = left.compareTo(own) < 0 ? left : own;
        return bounded.compareTo(floor) < 0 ? floor : bounded;
    }

    private boolean fail(DeploymentRecord record, String why) {
        record.finish(DeploymentRecord.Verdict.FAILED, why, railway.time().now());
        log(why);
        return false;
    }

    private void log(String line) {
        railway.log().line("[railway] " + line);
    }
}
