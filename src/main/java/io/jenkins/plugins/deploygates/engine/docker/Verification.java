package io.jenkins.plugins.deploygates.engine.docker;

import java.util.List;

/**
 * The verdict on the project's containers.
 *
 * @param failingService the service whose logs explain the failure, null when it passed
 * @param reason one sentence, null when it passed
 * @param pending the failure is something not ready yet (a healthcheck still starting, a one-shot still running):
 *     seen at the end of the wait, it means the wait ran out
 */
record Verification(String failingService, String reason, List<ContainerState> containers, boolean pending) {

    Verification(String failingService, String reason, List<ContainerState> containers) {
        this(failingService, reason, containers, false);
    }

    static Verification passed(List<ContainerState> containers) {
        return new Verification(null, null, containers, false);
    }

    boolean ok() {
        return reason == null;
    }

    Verification because(String newReason) {
        return new Verification(failingService, newReason, containers, pending);
    }
}
