package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord.Verdict;

/**
 * What becomes of a deployment whose wait was given up (the build was aborted, the command stopped): one that has
 * not finished is cancelled, as Railway's "Abort" button does, so it cannot go live after the build stopped; one
 * that already serves keeps serving, and the record says how to roll it back; one that had ended is left alone.
 */
final class AbortedDeployment {
    private final RailwayConnection railway;

    AbortedDeployment(RailwayConnection railway) {
        this.railway = railway;
    }

    /** Decides, acts, and finishes the record as INTERRUPTED with what happened. */
    DeploymentRecord settle(DeploymentRecord interrupted) {
        String id = interrupted.deploymentId;
        String status = currentStatus(id, interrupted.status);
        StatusClass cls = StatusClass.of(status);
        String why;
        if (cls == StatusClass.PENDING || cls == StatusClass.BLOCKED) {
            String refused = cancel(id);
            why = refused == null
                    ? "Stopped while deployment " + id + " was " + status + ": it was cancelled in Railway, so the"
                            + " service keeps serving its previous deployment."
                    : "Stopped while deployment " + id + " was " + status + ", and it could not be"
                            + " cancelled (" + refused + "): it may still go live; follow it at "
                            + DeploymentFollower.dashboard(interrupted) + " and " + interrupted.rollbackHint()
                            + " if it must not.";
        } else if (cls == StatusClass.SUCCEEDED) {
            why = "Stopped after deployment " + id + " went live (" + status + "): it keeps serving; "
                    + interrupted.rollbackHint() + " if it must not stay.";
        } else {
            why = "Stopped after deployment " + id + " had ended (" + status + "): it does not serve, and the"
                    + " service keeps its previous deployment.";
        }
        if (status != null) {
            interrupted.saw(status, railway.time().now());
        }
        interrupted.finish(Verdict.INTERRUPTED, why, railway.time().now());
        log(why);
        return interrupted.redact(railway.redactor());
    }

    /** The status Railway gives now; the last one seen if it cannot be asked. */
    private String currentStatus(String id, String lastSeen) {
        try {
            RailwayApi.Deployment now = railway.api().deployment(id);
            return now == null ? lastSeen : now.status();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return lastSeen;
        } catch (RuntimeException e) {
            return lastSeen;
        }
    }

    /** @return null when Railway cancelled the deployment, else why not */
    private String cancel(String id) {
        try {
            return railway.api().cancel(id) ? null : "deploymentCancel returned false";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted again";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private void log(String line) {
        railway.log().line("[railway] " + line);
    }
}
