package io.jenkins.plugins.deploygates.engine.docker;

import java.util.List;
import java.util.Map;

/** The checks on one snapshot of containers; each problem is one sentence naming the container. */
final class ServiceCheck {
    private ServiceCheck() {}

    static Verification firstProblem(List<String> services, List<ContainerState> containers,
            Map<String, String> expectedImageIds, ComposeProject project) {
        for (String service : services) {
            List<ContainerState> mine = containers.stream().filter(c -> c.service().equals(service)).toList();
            if (mine.isEmpty()) {
                return new Verification(service, "service " + service + " has no container", containers);
            }
            for (ContainerState c : mine) {
                Verification problem = project.isOneShot(service) ? oneShot(c, containers) : longRunning(c, containers);
                if (problem == null) {
                    problem = image(c, expectedImageIds.get(c.imageRef()), containers);
                }
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static Verification longRunning(ContainerState c, List<ContainerState> all) {
        if ("created".equals(c.state())) {
            return pending(c, "container " + c.name() + " was created but has not started", all);
        }
        if (!c.running()) {
            return failed(c, "container " + c.name() + " is " + c.state()
                    + ("exited".equals(c.state()) ? " with code " + c.exitCode() : ""), all);
        }
        if ("starting".equals(c.health())) {
            return pending(c, "container " + c.name() + " is still starting (its healthcheck has not passed yet"
                    + (c.restarts() > 0 ? ", and it restarted " + c.restarts() + " time(s)" : "") + ")", all);
        }
        if (!c.health().isEmpty() && !"healthy".equals(c.health())) {
            return failed(c, "container " + c.name() + " is " + c.health() + " (its healthcheck does not pass)", all);
        }
        return null;
    }

    /** A one-shot service (a migration) is done when its container exited 0; its healthcheck does not count. */
    private static Verification oneShot(ContainerState c, List<ContainerState> all) {
        if ("exited".equals(c.state()) && c.exitCode() == 0) {
            return null;
        }
        if ("exited".equals(c.state()) || "dead".equals(c.state())) {
            return failed(c, "one-shot container " + c.name() + " exited with code " + c.exitCode(), all);
        }
        return pending(c, "one-shot container " + c.name() + " has not finished (it is " + c.state() + ")", all);
    }

    private static Verification image(ContainerState c, String expectedImageId, List<ContainerState> all) {
        if (expectedImageId == null) {
            return failed(c, "container " + c.name() + " runs image " + ContainerState.shortId(c.imageId())
                    + " but no image is tagged " + c.imageRef(), all);
        }
        if (!expectedImageId.equals(c.imageId())) {
            return failed(c, "container " + c.name() + " still runs image " + ContainerState.shortId(c.imageId())
                    + ", not " + ContainerState.shortId(expectedImageId) + " that " + c.imageRef() + " points to now",
                    all);
        }
        return null;
    }

    private static Verification failed(ContainerState c, String reason, List<ContainerState> all) {
        return new Verification(c.service(), reason, all, false);
    }

    private static Verification pending(ContainerState c, String reason, List<ContainerState> all) {
        return new Verification(c.service(), reason, all, true);
    }

    static Verification restarted(List<ContainerState> before, List<ContainerState> now, String stableFor) {
        for (ContainerState c : now) {
            for (ContainerState b : before) {
                if (b.containerId().equals(c.containerId()) && c.restarts() > b.restarts()) {
                    return new Verification(c.service(), "container " + c.name() + " restarted "
                            + (c.restarts() - b.restarts()) + " time(s) within stableFor " + stableFor, now);
                }
            }
        }
        return null;
    }
}
