package io.jenkins.plugins.deploygates.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Ways for tests to look at a gate without racing the clock: a failure is observed by stopping the gate once it
 * has the samples the test needs, not by giving it a short timeout; every wait has a generous ceiling.
 */
public final class GateRuns {
    public static final long CEILING_MS = 30_000;

    private GateRuns() {}

    /** Runs the gate until it has taken {@code samples} samples (or ended), then stops it and returns its verdict. */
    public static Verdict stoppedAfter(int samples, HealthGateConfig config, GateRuntime runtime, ProgressLog log)
            throws Exception {
        HealthGate gate = HealthGate.start(config, runtime, log, Redactor.byShape());
        await(() -> gate.sampleCount() >= samples || gate.verdict().isDone());
        return gate.stop("the test has seen enough").get(CEILING_MS, TimeUnit.MILLISECONDS);
    }

    /** Polls until the condition holds; fails the test after {@link #CEILING_MS}. */
    public static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CEILING_MS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited " + CEILING_MS + "ms").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
