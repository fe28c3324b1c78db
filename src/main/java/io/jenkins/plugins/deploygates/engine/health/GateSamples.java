package io.jenkins.plugins.deploygates.engine.health;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every sample one gate took, in order, safe to read while probes add to it. It also knows which probes the gate's
 * timeout cut short, so the verdict can name the target's own last failure rather than the cut.
 */
final class GateSamples {
    private final List<Sample> all = new ArrayList<>();
    private final Set<Sample> cutByTheTimeout = Collections.newSetFromMap(new IdentityHashMap<>());

    synchronized void add(Sample sample, boolean cutByTheTimeout) {
        all.add(sample);
        if (cutByTheTimeout) {
            this.cutByTheTimeout.add(sample);
        }
    }

    synchronized int count() {
        return all.size();
    }

    synchronized List<Sample> snapshot() {
        return new ArrayList<>(all);
    }

    synchronized List<Sample> inPhase(Phase phase) {
        return all.stream().filter(s -> s.getPhase() == phase).collect(Collectors.toList());
    }

    /** The last failure the target itself gave, if any; else the last probe the timeout cut short; else null. */
    synchronized Sample lastFailure() {
        Sample cut = null;
        for (int i = all.size() - 1; i >= 0; i--) {
            Sample s = all.get(i);
            if (!s.isSuccess() && !cutByTheTimeout.contains(s)) {
                return s;
            }
            cut = cut == null && !s.isSuccess() ? s : cut;
        }
        return cut;
    }
}
