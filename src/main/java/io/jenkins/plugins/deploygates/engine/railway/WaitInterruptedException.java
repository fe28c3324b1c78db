package io.jenkins.plugins.deploygates.engine.railway;

/**
 * The wait for a verdict was interrupted (the build was aborted, or Jenkins is stopping) after Railway had accepted
 * the upload. It carries the record, finished as {@link DeploymentRecord.Verdict#INTERRUPTED}, so the caller can
 * still write it: the deployment goes on in Railway and its id is the way to follow or roll it back.
 */
public final class WaitInterruptedException extends InterruptedException {
    private static final long serialVersionUID = 1L;

    private final transient DeploymentRecord record;

    WaitInterruptedException(DeploymentRecord record) {
        super(record.reason);
        this.record = record;
    }

    public DeploymentRecord record() {
        return record;
    }
}
