package io.jenkins.plugins.deploygates.engine.docker;

import java.util.List;
import java.util.Map;

/** The checks on one snapshot of containers; each problem is one sentence naming the container. */
final class ServiceCheck {
    private ServiceCheck() {}

    static Verification firstProblem(List<String> services, List<ContainerState> containers,
            Map<String, String> expectedImageIds) {
        for (String service : services) {
            List<ContainerState> mine = containers.stream().filter(c -> c.service().equals(service)).toList();
            if (mine.isEmpty()) {
                return new Verification(service, "service " + service + " has no container", containers);
            }
            for (ContainerState c : mine) {
                String problem = problem(c, expectedImageIds.get(c.imageRef()));
                if (problem != null) {
                    return new Verification(service, problem, containers);
                }
            }
        }
        return null;
    }

    private static String problem(ContainerState c, String expectedImageId) {
        if (!c.running()) {
            return "container " + c.name() + " is " + c.state()
                    + ("exited".equals(c.state()) ? " with code " + c.exitCode() : "");
        }
        if (!c.health().isEmpty() && !"healthy".equals(c.health())) {
            return "container " + c.name() + " is " + c.health() + " (its healthcheck does not pass)";
        }
        if (expectedImageId == null) {
            return "container " + c.name() + " runs image " + ContainerState.shortId(c.imageId())
                    + " but no image is tagged " + c.imageRef();
        }
        if (!expectedImageId.equals(c.imageId())) {
            return "container " + c.name() + " still runs image " + ContainerState.shortId(c.imageId()) + ", not "
                    + ContainerState.shortId(expectedImageId) + " that " + c.imageRef() + " points to now";
        }
        return null;
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
