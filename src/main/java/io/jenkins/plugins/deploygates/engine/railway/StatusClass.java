package io.jenkins.plugins.deploygates.engine.railway;

import java.util.Locale;

/**
 * What a Railway {@code DeploymentStatus} means for the verdict. Railway's CLI knows only SUCCESS and
 * FAILED/CRASHED and hangs on the rest; here every one of the 13 values has a class, and an unknown future
 * value keeps waiting (bounded by the timeout) rather than guessing.
 */
public enum StatusClass {
    /** INITIALIZING, QUEUED, WAITING, BUILDING, DEPLOYING, REMOVING, and anything new. */
    PENDING,
    /** SUCCESS, and SLEEPING (a serverless app that served and went to sleep). */
    SUCCEEDED,
    /** FAILED, CRASHED. */
    FAILED,
    /** REMOVED: cancelled before it served, or superseded. */
    REMOVED,
    /** SKIPPED: nothing was deployed (watch patterns matched nothing, or a "wait for CI" check failed). */
    SKIPPED,
    /** NEEDS_APPROVAL: blocked until a person approves it in Railway. */
    BLOCKED;

    public static StatusClass of(String status) {
        switch (status == null ? "" : status.toUpperCase(Locale.ROOT)) {
            case "SUCCESS":
            case "SLEEPING":
                return SUCCEEDED;
            case "FAILED":
            case "CRASHED":
                return FAILED;
            case "REMOVED":
                return REMOVED;
            case "SKIPPED":
                return SKIPPED;
            case "NEEDS_APPROVAL":
                return BLOCKED;
            default:
                return PENDING;
        }
    }
}
