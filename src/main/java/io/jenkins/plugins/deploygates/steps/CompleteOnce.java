package io.jenkins.plugins.deploygates.steps;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Completes a step once, whoever comes first: the work with its result, a stop's grace timer, or a restart's verdict.
 * A step's context must hear one answer; the later ones are dropped.
 */
final class CompleteOnce {
    private final StepContext context;
    private final AtomicBoolean done = new AtomicBoolean();

    CompleteOnce(StepContext context) {
        this.context = context;
    }

    void succeed(Object result) {
        complete(c -> c.onSuccess(result));
    }

    void fail(Throwable cause) {
        complete(c -> c.onFailure(cause));
    }

    private void complete(Consumer<StepContext> outcome) {
        if (done.compareAndSet(false, true)) {
            outcome.accept(context);
        }
    }
}
