package io.jenkins.plugins.deploygates.engine.docker;

import io.jenkins.plugins.deploygates.engine.common.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Proves the services run the images just built: each has a running container, healthy where a healthcheck
 * exists, created from the image its name points to now (not the old one, docker/compose#9308), and not
 * restarting for {@code stableFor} (a container that crashes and comes back fools {@code --wait},
 * docker/compose#12424).
 */
final class Verifier {
    private final ContainerReader reader;
    private final ComposeProject project;
    private final ComposeOptions options;
    private final Timing timing;

    Verifier(ComposeSession session, ComposeOptions options, Timing timing) {
        this.reader = session.reader;
        this.project = session.project;
        this.options = options;
        this.timing = timing;
    }

    /** @param waitForStart poll until the services are up (Compose did not {@code --wait} for them) */
    Verification verify(List<String> services, boolean waitForStart) throws IOException, InterruptedException {
        return verify(services, waitForStart, Map.of());
    }

    /** @param imageIds the image each name points to, where that was read already (the rest are read here) */
    Verification verify(List<String> services, boolean waitForStart, Map<String, String> imageIds)
            throws IOException, InterruptedException {
        Map<String, String> expected = new HashMap<>(imageIds);
        List<ContainerState> containers = look(services, expected);
        Verification problem = ServiceCheck.firstProblem(services, containers, expected, project);
        long deadline = timing.nowMillis() + options.waitTimeout().toMillis();
        while (waitForStart && problem != null && problem.pending() && timing.nowMillis() < deadline) {
            timing.sleep(options.pollInterval());
            containers = look(services, expected);
            problem = ServiceCheck.firstProblem(services, containers, expected, project);
        }
        return problem != null ? problem : staysUp(services, containers, expected);
    }

    /** Restart counts must not move for stableFor, and nothing else may go wrong meanwhile. */
    private Verification staysUp(List<String> services, List<ContainerState> first, Map<String, String> expected)
            throws IOException, InterruptedException {
        long start = timing.nowMillis();
        List<ContainerState> containers = first;
        while (timing.nowMillis() - start < options.stableFor().toMillis()) {
            long left = options.stableFor().toMillis() - (timing.nowMillis() - start);
            timing.sleep(Duration.ofMillis(Math.min(left, options.pollInterval().toMillis())));
            containers = look(services, expected);
            Verification problem = ServiceCheck.firstProblem(services, containers, expected, project);
            if (problem == null) {
                problem = ServiceCheck.restarted(first, containers, Durations.format(options.stableFor()));
            }
            if (problem != null) {
                return problem;
            }
        }
        return Verification.passed(containers);
    }

    /** A snapshot, plus the image ids of names seen for the first time (they do not change while we watch). */
    private List<ContainerState> look(List<String> services, Map<String, String> expected)
            throws IOException, InterruptedException {
        List<ContainerState> containers = reader.snapshot();
        List<String> unknown = containers.stream().filter(c -> services.contains(c.service()))
                .map(ContainerState::imageRef).filter(ref -> !expected.containsKey(ref)).distinct().toList();
        expected.putAll(reader.imageIds(unknown));
        return containers;
    }
}
