package io.jenkins.plugins.deploygates.engine.smoke;

/**
 * The run was stopped (Ctrl-C, SIGTERM, a Jenkins abort) before it finished. It carries the report of what ran, the
 * rest marked not run, so the caller writes the record before it ends.
 */
public final class SmokeRunStopped extends InterruptedException {
    private static final long serialVersionUID = 1L;
    private final transient SmokeReport report;

    SmokeRunStopped(SmokeReport report) {
        super(report.stoppedSentence());
        this.report = report;
    }

    public SmokeReport report() {
        return report;
    }
}
