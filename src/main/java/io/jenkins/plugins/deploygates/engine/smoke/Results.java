package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.smoke.CheckResult.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The checks of one run as they end: each is logged the moment it ends, and when the run stops early the check
 * that was running and those after it are marked not run, so the record shows how far the run got.
 */
final class Results {
    private final FlowDefinition flow;
    private final RunState state;
    private final Consumer<String> say;
    private final List<CheckResult> done = new ArrayList<>();
    private String current;
    private long currentStart;

    Results(FlowDefinition flow, RunState state, Consumer<String> say) {
        this.flow = flow;
        this.state = state;
        this.say = say;
    }

    /** The flow's checks that apply now (an optional check runs only when its variable was given). */
    List<CheckDefinition> toRun() {
        return flow.checks.stream().filter(c -> c.runIf == null || state.has(c.runIf)).toList();
    }

    void starting(String name) {
        current = name;
        currentStart = System.nanoTime();
    }

    void add(CheckResult result) {
        done.add(result);
        current = null;
        say.accept(line(result));
    }

    List<CheckResult> done() {
        return done;
    }

    void skipAll(String reason) {
        toRun().forEach(c -> add(CheckResult.without(c.name, Outcome.SKIPPED, reason)));
    }

    /** Marks the running check and every check after it not run. */
    void stop() {
        if (current != null) {
            long millis = (System.nanoTime() - currentStart) / 1_000_000;
            add(CheckResult.without(current, Outcome.NOT_RUN, "the run was stopped while this check ran (after "
                    + millis + "ms)"));
        }
        for (CheckDefinition c : toRun()) {
            if (done.stream().noneMatch(r -> r.name().equals(c.name))) {
                add(CheckResult.without(c.name, Outcome.NOT_RUN, "the run was stopped before this check"));
            }
        }
    }

    SmokeReport report(SmokeSettings settings, RunAddress address, boolean stopped) {
        List<CheckResult> redacted = new ArrayList<>();
        done.forEach(r -> redacted.add(r.redacted(state.redactor())));
        return new SmokeReport(flow.name, settings.baseUrl(), address.address(), redacted, stopped);
    }

    private static String line(CheckResult r) {
        String what = r.request() == null ? "" : " - " + r.request() + (r.status() == null ? "" : " -> " + r.status());
        String saw = r.saw() == null ? "" : " saw " + r.saw();
        String why = r.reason() == null ? "" : ": " + r.reason();
        return "  " + r.outcome().name().replace('_', ' ') + " " + r.name() + what + " (" + r.latencyMillis() + "ms)"
                + saw + why;
    }
}
