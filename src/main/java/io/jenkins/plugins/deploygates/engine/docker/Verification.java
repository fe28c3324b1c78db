package io.jenkins.plugins.deploygates.engine.docker;

import java.util.List;

/**
 * The verdict on the project's containers.
 *
 * @param failingService the service whose logs explain the failure, null when it passed
 * @param reason one sentence, null when it passed
 */
record Verification(String failingService, String reason, List<ContainerState> containers) {

    static Verification passed(List<ContainerState> containers) {
        return new Verification(null, null, containers);
    }

    boolean ok() {
        return reason == null;
    }
}
