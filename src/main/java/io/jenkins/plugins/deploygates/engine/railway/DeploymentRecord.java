package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened to one deploy or rollback, written as JSON ({@code --report-dir}) whatever the outcome, so a
 * failed deploy still leaves its ids, its status history and the way back. Holds no secret: ids, names,
 * statuses and Railway's public URLs only. Serializable: a Jenkins step keeps the record of an accepted deployment
 * to follow it again after a restart.
 */
public final class DeploymentRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Verdict { PASSED, FAILED, SKIPPED, DETACHED, INTERRUPTED }

    /** One status as first seen, with when. */
    public record StatusChange(String status, String at) implements Serializable {}

    public String operation;
    public String projectId;
    public String projectName;
    public String environmentId;
    public String environmentName;
    public String serviceId;
    public String serviceName;
    public String deploymentId;
    /** For a rollback: the deployment being rolled back to, and the one it replaced. */
    public String rolledBackTo;
    public String replacedDeploymentId;
    public String url;
    public String logsUrl;
    public String deploymentDomain;
    public Long files;
    public Long archiveBytes;
    public final List<StatusChange> statuses = new ArrayList<>();
    public String status;
    public Verdict verdict;
    public String reason;
    public String startedAt;
    public String finishedAt;
    public Long durationMs;

    public DeploymentRecord(String operation, Instant startedAt) {
        this.operation = operation;
        this.startedAt = startedAt.toString();
    }

    void target(RailwayTarget t) {
        projectId = t.projectId();
        projectName = t.projectName();
        environmentId = t.environmentId();
        environmentName = t.environmentName();
        serviceId = t.serviceId();
        serviceName = t.serviceName();
    }

    /** @return whether this status is new */
    boolean saw(String newStatus, Instant at) {
        if (newStatus.equals(status)) {
            return false;
        }
        status = newStatus;
        statuses.add(new StatusChange(newStatus, at.toString()));
        return true;
    }

    /** Uploaded, verdict not in yet: what the record says if nothing is written after it. */
    void awaitingVerdict() {
        reason = "Deployment " + deploymentId + " was uploaded and its verdict was being awaited. If this record"
                + " says no more, the wait was cut short (a Jenkins restart or a killed process): see "
                + DeploymentFollower.dashboard(this) + ".";
    }

    /** How to undo this deployment if it went (or may go) live. */
    String rollbackHint() {
        return "roll back with railwayRollback" + (replacedDeploymentId == null ? "" : " (to: '" + replacedDeploymentId
                + "')");
    }

    /**
     * For a verdict reached without a final status (a timeout, a status that could not be read): whether the
     * deployment may still go live, and how to follow, cancel or undo it.
     */
    String outlook() {
        StatusClass cls = StatusClass.of(status);
        if (cls == StatusClass.SUCCEEDED) {
            return "It serves now; " + rollbackHint() + " if it must not.";
        }
        if (cls == StatusClass.PENDING || cls == StatusClass.BLOCKED) {
            return "It was not cancelled and may still go live: follow it at " + DeploymentFollower.dashboard(this)
                    + ", cancel it there (Abort) if it must not go live, or " + rollbackHint() + " once it is.";
        }
        return "It does not serve: the service keeps its previous deployment.";
    }

    void finish(Verdict v, String why, Instant at) {
        verdict = v;
        reason = why;
        finishedAt = at.toString();
        durationMs = Duration.between(Instant.parse(startedAt), at).toMillis();
    }

    /** Masks any secret the reason or Railway's URLs might quote (Railway's own words end up there). */
    DeploymentRecord redact(io.jenkins.plugins.deploygates.engine.common.Redactor redactor) {
        reason = redactor.redact(reason);
        url = url == null ? null : redactor.redact(url);
        logsUrl = logsUrl == null ? null : redactor.redact(logsUrl);
        deploymentDomain = deploymentDomain == null ? null : redactor.redact(deploymentDomain);
        return this;
    }

    /** Throws the failed verdict, so callers write the record first and fail after. */
    public DeploymentRecord requirePassed() {
        if (verdict == Verdict.FAILED) {
            throw new GateFailedException(reason);
        }
        return this;
    }

    /** The service's public address when Railway gave a domain, else the upload's {@code url}. */
    private String publicUrl() {
        if (deploymentDomain != null && !deploymentDomain.isBlank()) {
            return deploymentDomain.contains("://") ? deploymentDomain : "https://" + deploymentDomain;
        }
        return url == null ? "" : url;
    }

    /** The plain values a Jenkins step returns. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deploymentId", deploymentId == null ? "" : deploymentId);
        m.put("status", status == null ? "" : status);
        m.put("verdict", verdict == null ? "" : verdict.name());
        m.put("url", publicUrl());
        m.put("logsUrl", logsUrl == null ? "" : logsUrl);
        m.put("durationMs", durationMs == null ? 0L : durationMs);
        if (rolledBackTo != null) {
            m.put("rolledBackTo", rolledBackTo);
        }
        if (replacedDeploymentId != null) {
            m.put("replacedDeploymentId", replacedDeploymentId);
        }
        return m;
    }
}
