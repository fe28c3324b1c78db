package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord.Verdict;
import io.jenkins.plugins.deploygates.engine.railway.upload.ArchiveException;
import io.jenkins.plugins.deploygates.engine.railway.upload.ArchivePlan;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code railwayUp}: resolve the target, check its variables, stream the directory up, then wait for a
 * verdict that can be trusted. Returns the record in every case where something was sent; the caller writes
 * it and then calls {@link DeploymentRecord#requirePassed()}.
 */
public final class RailwayUp {
    /** The Railway CLI waits this long before following, so backboard has registered the deployment. */
    private static final Duration SETTLE = Duration.ofMillis(500);

    /** Sends the directory; Jenkins sends it from the agent that holds the workspace. */
    @FunctionalInterface
    public interface DirectoryUpload {
        Uploader.Uploaded upload(RailwayTarget target, String message) throws IOException, InterruptedException;

        /** The local checks (the directory exists, inside the workspace), run before anything is asked of Railway. */
        default void check() throws IOException, InterruptedException {
        }
    }

    /**
     * Where the record goes as soon as Railway has accepted the upload, before the wait: if this process dies while
     * waiting, the deployment id and the way to follow or roll it back are already on disk.
     */
    @FunctionalInterface
    public interface RecordSink {
        void write(DeploymentRecord record) throws IOException, InterruptedException;
    }

    private final RailwayConnection railway;
    private final Redactor redactor;
    private final DirectoryUpload directoryUpload;
    private final RecordSink uploadedRecord;

    /** Uploads {@code config.path()} from this machine and keeps the record in memory until the verdict. */
    public RailwayUp(RailwayConnection railway) {
        this(railway, null, record -> { });
    }

    /** Uploads {@code config.path()} from this machine. */
    public RailwayUp(RailwayConnection railway, RecordSink uploadedRecord) {
        this(railway, null, uploadedRecord);
    }

    public RailwayUp(RailwayConnection railway, DirectoryUpload directoryUpload, RecordSink uploadedRecord) {
        this.railway = railway;
        this.redactor = railway.redactor();
        this.directoryUpload = directoryUpload;
        this.uploadedRecord = uploadedRecord;
    }

    /**
     * @throws WaitInterruptedException when interrupted after the upload was accepted, with the record finished as
     *     INTERRUPTED for the caller to write
     */
    public DeploymentRecord run(RailwayUpConfig config) throws IOException, InterruptedException {
        Instant started = railway.time().now();
        DeploymentRecord record = new DeploymentRecord("railway-up", started);
        try {
            deploy(record, config, started);
        } catch (InterruptedException e) {
            if (record.deploymentId == null) {
                throw e; // nothing reached Railway: nothing to record
            }
            throw stoppedWaiting(record);
        }
        return record.redact(redactor);
    }

    /**
     * Follows again a deployment Railway had accepted when the process waiting for it died (a Jenkins restart): its
     * early record names it. The wait ends when the deploy's timeout would have, counted from the deploy's start.
     */
    public DeploymentRecord resume(DeploymentRecord accepted, FollowOptions follow, PostDeployChecks checks)
            throws InterruptedException {
        Instant started = Instant.parse(accepted.startedAt);
        railway.deadline(started.plus(follow.timeout()));
        log("Following deployment " + accepted.deploymentId + " again: the wait for it was cut off.");
        try {
            new DeploymentFollower(railway, follow).follow(accepted, started);
            if (accepted.verdict == Verdict.PASSED) {
                new PostDeployCheck(railway, redactor).run(accepted, checks, follow, started);
            }
        } catch (InterruptedException e) {
            throw stoppedWaiting(accepted);
        }
        return accepted.redact(redactor);
    }

    private WaitInterruptedException stoppedWaiting(DeploymentRecord record) {
        record.finish(Verdict.INTERRUPTED, "Stopped waiting for deployment " + record.deploymentId
                + (record.status == null ? "" : " (last status " + record.status + ")") + ". The deployment goes"
                + " on in Railway and may still go live; follow it at " + DeploymentFollower.dashboard(record)
                + " and " + record.rollbackHint() + " if it must not.", railway.time().now());
        log("Stopped waiting for deployment " + record.deploymentId + ".");
        return new WaitInterruptedException(record.redact(redactor));
    }

    private void deploy(DeploymentRecord record, RailwayUpConfig config, Instant started)
            throws IOException, InterruptedException {
        checkLocally(config);
        railway.deadline(started.plus(config.follow().timeout()));
        RailwayTarget target = new TargetResolver(railway.api())
                .resolve(config.project(), config.environment(), config.service(), false);
        record.target(target);
        log("Deploying " + config.path() + " to " + target.describe() + ".");
        requireVariables(target, config.requiredVariables());
        record.replacedDeploymentId = servingNow(target);
        DirectoryUpload sender = directoryUpload != null ? directoryUpload : (t, message) ->
                railway.uploader().uploadDirectory(t, config.path(), config.projectDir(), config.archive(), message,
                        railway.log());
        if (!upload(record, target, sender, config.message())) {
            return;
        }
        if (config.detach()) {
            record.finish(Verdict.DETACHED, "Deployment " + record.deploymentId + " was uploaded and not awaited "
                    + "(detach): no verdict; follow it at " + DeploymentFollower.dashboard(record) + ".",
                    railway.time().now());
            log(record.reason);
            return;
        }
        writeEarly(record);
        railway.time().sleep(SETTLE.compareTo(config.follow().pollInterval()) < 0 ? SETTLE : config.follow().pollInterval());
        new DeploymentFollower(railway, config.follow()).follow(record, started);
        if (record.verdict == Verdict.PASSED) {
            new PostDeployCheck(railway, redactor).run(record, config.checks(), config.follow(), started);
        }
    }

    /** What can be checked without Railway is checked first: a wrong path costs no request and no wait. */
    private void checkLocally(RailwayUpConfig config) throws IOException, InterruptedException {
        if (directoryUpload != null) {
            directoryUpload.check();
            return;
        }
        Path root = config.path().toAbsolutePath().normalize();
        ArchivePlan.requireDeployable(config.path(), root, config.archive().pathAsRoot() ? root
                : config.projectDir().toAbsolutePath().normalize());
    }

    /**
     * The wait was given up (the build was aborted, the command stopped): see {@link AbortedDeployment}. Call it
     * with the interrupt flag cleared: it talks to Railway once or twice.
     */
    public DeploymentRecord abandon(DeploymentRecord interrupted) {
        return new AbortedDeployment(railway).settle(interrupted);
    }

    /**
     * The deployment that serves before this upload, named in the record as the one to roll back to. Not knowing
     * it is said but does not stop the deploy; a service the upload creates has none.
     */
    private String servingNow(RailwayTarget target) throws InterruptedException {
        if (target.serviceId() == null) {
            return null;
        }
        try {
            String serving = railway.api().deployments(target, 20).stream()
                    .filter(d -> StatusClass.of(d.status()) == StatusClass.SUCCEEDED)
                    .max(Comparator.comparing(RailwayApi.Deployment::createdAt))
                    .map(RailwayApi.Deployment::id).orElse(null);
            log(serving == null ? "No deployment serves now: there is nothing to roll back to."
                    : "Serving now: deployment " + serving + " (the one to roll back to).");
            return serving;
        } catch (RuntimeException e) {
            log("Could not read which deployment serves now (" + redactor.redact(e.getMessage()) + "); the record"
                    + " will not name one to roll back to.");
            return null;
        }
    }

    /** The record before the wait; not being able to write it is said, but does not stop the deploy. */
    private void writeEarly(DeploymentRecord record) throws InterruptedException {
        record.awaitingVerdict();
        try {
            uploadedRecord.write(record);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) { // a file channel closed by an interrupt: stopped mid-write
                throw new InterruptedException("interrupted while writing the record");
            }
            log("Could not write the record before the wait (" + redactor.redact(e.getMessage()) + "); it is"
                    + " written again at the end.");
        }
    }

    /** Fails before anything is uploaded, naming every missing variable (never a value). */
    private void requireVariables(RailwayTarget target, List<String> required) throws InterruptedException {
        if (required.isEmpty()) {
            return;
        }
        Set<String> present = railway.api().variableNames(target);
        List<String> missing = required.stream().map(String::trim).filter(n -> !present.contains(n))
                .collect(Collectors.toList());
        ConfigurationException.require(missing.isEmpty(), "requiredVariables: " + target.describe() + " lacks "
                + String.join(", ", missing) + ": set " + (missing.size() == 1 ? "it" : "them")
                + " in Railway before deploying.");
        log("Required variables are set: " + String.join(", ", required) + ".");
    }

    /** @return whether Railway accepted the upload; otherwise the record holds the failure */
    private boolean upload(DeploymentRecord record, RailwayTarget target, DirectoryUpload sender, String message)
            throws IOException, InterruptedException {
        Uploader.Uploaded up;
        try {
            up = sender.upload(target, message);
        } catch (GateFailedException e) {
            return uploadFailed(record, e.getMessage());
        } catch (ArchiveException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while the archive was built");
            }
            return uploadFailed(record, "The upload archive could not be built: " + e.getMessage()
                    + (e.getMessage().endsWith(".") ? "" : ".") + " Nothing was sent to Railway.");
        } catch (IOException e) {
            if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted during the upload");
            }
            return uploadFailed(record, "The upload did not complete (" + e.getMessage() + "); it is not sent again "
                    + "automatically, because Railway may have received it: check the dashboard, then run again.");
        }
        record.deploymentId = up.deploymentId();
        record.url = up.url();
        record.logsUrl = up.logsUrl();
        record.deploymentDomain = up.deploymentDomain();
        record.files = up.files();
        record.archiveBytes = up.archiveBytes();
        log("Uploaded " + up.files() + " files (" + megabytes(up.archiveBytes()) + " compressed): deployment "
                + up.deploymentId() + ", logs " + up.logsUrl());
        return true;
    }

    private boolean uploadFailed(DeploymentRecord record, String why) {
        record.finish(Verdict.FAILED, why, railway.time().now());
        log(why);
        return false;
    }

    private void log(String line) {
        ProgressLog log = railway.log();
        log.line("[railway] " + line);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

}
