package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord.Verdict;
import io.jenkins.plugins.deploygates.engine.railway.RailwayApi.Deployment;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code railwayRollback}: puts back the deployment that served before the current one (or a given one) with
 * {@code deploymentRollback}, then waits for the new deployment's verdict like a deploy. Railway marks a
 * superseded deployment REMOVED, so the target is found by {@code canRollback}, not by status: a cancelled
 * deployment never served and cannot be rolled back to.
 */
public final class RailwayRollback {
    /**
     * The request. {@code to} is an explicit deployment id, or null for "the one before the current one";
     * {@code checks} may re-run a health gate once the rollback is live (its URL must be absolute).
     */
    public record Config(String project, String environment, String service, String to, FollowOptions follow,
            PostDeployChecks checks) {
        public Config {
            checks = checks == null ? PostDeployChecks.none() : checks;
        }
    }

    private static final int HISTORY = 50;
    private static final Set<String> SERVED = Set.of("SUCCESS", "SLEEPING", "CRASHED");

    private final RailwayConnection railway;
    private final RailwayUp.RecordSink startedRecord;

    public RailwayRollback(RailwayConnection railway) {
        this(railway, record -> { });
    }

    /**
     * {@code startedRecord} gets the record as soon as the rollback's deployment is known, before the wait: if this
     * process dies while waiting, the deployment to follow is already kept.
     */
    public RailwayRollback(RailwayConnection railway, RailwayUp.RecordSink startedRecord) {
        this.railway = railway;
        this.startedRecord = startedRecord;
    }

    /**
     * @throws WaitInterruptedException when interrupted after Railway accepted the rollback, with the record
     *     finished as INTERRUPTED for the caller to write (the rollback itself goes on: it is not cancelled)
     */
    public DeploymentRecord run(Config config) throws InterruptedException {
        Instant started = railway.time().now();
        railway.deadline(started.plus(config.follow().timeout()));
        DeploymentRecord record = new DeploymentRecord("railway-rollback", started);
        try {
            return rollBack(config, record, started);
        } catch (InterruptedException e) {
            if (record.rolledBackTo == null) {
                throw e; // nothing was asked of Railway yet
            }
            record.finish(Verdict.INTERRUPTED, "Stopped waiting for the rollback to " + record.rolledBackTo
                    + (record.deploymentId == null ? "" : " (deployment " + record.deploymentId
                    + (record.status == null ? "" : ", last status " + record.status) + ")")
                    + ". Railway goes on with it; follow it at " + DeploymentFollower.dashboard(record) + ".",
                    railway.time().now());
            log("Stopped waiting for the rollback to " + record.rolledBackTo + ".");
            throw new WaitInterruptedException(record.redact(railway.redactor()));
        }
    }

    private DeploymentRecord rollBack(Config config, DeploymentRecord record, Instant started)
            throws InterruptedException {
        RailwayTarget target = new TargetResolver(railway.api())
                .resolve(config.project(), config.environment(), config.service(), true);
        record.target(target);
        List<Deployment> history = newestFirst(railway.api().deployments(target, HISTORY));
        Deployment current = current(history);
        Deployment to = config.to() == null || config.to().isBlank() ? previous(history, current, target)
                : explicit(config.to().trim(), target);
        record.replacedDeploymentId = current == null ? null : current.id();
        record.rolledBackTo = to.id();
        log("Rolling back " + target.describe() + " from " + describe(current) + " to " + describe(to) + ".");
        if (!railway.api().rollback(to.id())) {
            throw new GateFailedException("Railway refused to roll back to deployment " + to.id()
                    + " (deploymentRollback returned false).");
        }
        record.deploymentId = awaitNewDeployment(target, history, started, config.follow());
        if (record.deploymentId == null) {
            record.finish(Verdict.FAILED, "Railway accepted the rollback to " + to.id() + " but no new deployment "
                    + "appeared within " + Durations.format(config.follow().timeout()) + ".", railway.time().now());
            return record.redact(railway.redactor());
        }
        log("Rollback deployment is " + record.deploymentId + ".");
        keep(record);
        new DeploymentFollower(railway, config.follow()).follow(record, started);
        if (record.verdict == Verdict.PASSED) {
            new PostDeployCheck(railway, railway.redactor()).run(record, config.checks(), config.follow(), started);
        }
        return record.redact(railway.redactor());
    }

    /** A record that cannot be kept costs the restart case, not the rollback. */
    private void keep(DeploymentRecord record) throws InterruptedException {
        try {
            record.awaitingVerdict();
            startedRecord.write(record.redact(railway.redactor()));
        } catch (IOException e) {
            log("Could not keep the record before waiting: " + railway.redactor().redact(e.getMessage()));
        }
    }

    private static List<Deployment> newestFirst(List<Deployment> deployments) {
        return deployments.stream().sorted(Comparator.comparing(Deployment::createdAt).reversed())
                .collect(Collectors.toList());
    }

    /** The deployment that serves, or served last; the newest one when none ever served. */
    private static Deployment current(List<Deployment> newestFirst) {
        return newestFirst.stream().filter(d -> SERVED.contains(d.status())).findFirst()
                .orElse(newestFirst.isEmpty() ? null : newestFirst.get(0));
    }

    private static Deployment previous(List<Deployment> newestFirst, Deployment current, RailwayTarget target) {
        int from = current == null ? 0 : newestFirst.indexOf(current) + 1;
        return newestFirst.stream().skip(from).filter(Deployment::canRollback).findFirst()
                .orElseThrow(() -> new GateFailedException("Nothing to roll back to: " + target.describe()
                        + " has no deployment before " + (current == null ? "now" : current.id()) + " that Railway "
                        + "can restore (canRollback is false for deployments that never served and for images "
                        + "past the plan's retention of 1 to 15 days)."));
    }

    private Deployment explicit(String id, RailwayTarget target) throws InterruptedException {
        Deployment d = railway.api().deployment(id);
        if (d == null) {
            throw new GateFailedException("Deployment " + id + " was not found for " + target.describe() + ".");
        }
        if (!target.serviceId().equals(d.serviceId()) || !target.environmentId().equals(d.environmentId())) {
            throw new ConfigurationException("to: deployment " + id + " belongs to another service or environment,"
                    + " not " + target.describe() + ": give a deployment id of that service (see its deployments in"
                    + " the dashboard, or the replacedDeploymentId in its railwayUp record).");
        }
        if (!d.canRollback()) {
            throw new GateFailedException("Deployment " + id + " (" + d.status() + ") cannot be rolled back to: it "
                    + "never served, or its image is past the plan's retention of 1 to 15 days.");
        }
        return d;
    }

    /** deploymentRollback returns only a Boolean: the new deployment is the one that was not there before. */
    private String awaitNewDeployment(RailwayTarget target, List<Deployment> before, Instant started,
            FollowOptions follow) throws InterruptedException {
        Set<String> known = before.stream().map(Deployment::id).collect(Collectors.toSet());
        Instant deadline = started.plus(follow.timeout());
        while (true) {
            for (Deployment d : newestFirst(railway.api().deployments(target, 5))) {
                if (!known.contains(d.id())) {
                    return d.id();
                }
            }
            if (!railway.time().now().isBefore(deadline)) {
                return null;
            }
            railway.time().sleep(follow.pollInterval());
        }
    }

    private static String describe(Deployment d) {
        return d == null ? "(no deployment)" : d.id() + " (" + d.status() + ", " + d.createdAt() + ")";
    }

    private void log(String line) {
        railway.log().line("[railway] " + line);
    }
}
