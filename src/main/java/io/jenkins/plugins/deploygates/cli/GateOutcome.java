package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.health.HealthGate;
import io.jenkins.plugins.deploygates.engine.health.Verdict;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A health gate's verdict, waited for on the command's thread. A stop (Ctrl-C, SIGTERM) ends the gate with a failed
 * verdict that keeps the samples taken so far, so what the gate saw is still printed and reported.
 */
record GateOutcome(Verdict verdict, boolean stopped) {
    /** How long a stopped gate may take to end its round and give its verdict. */
    private static final long STOP_SECONDS = 10;

    static GateOutcome await(HealthGate gate) throws ExecutionException, TimeoutException {
        try (StopSignals.Section section = StopSignals.interruptible()) {
            return new GateOutcome(gate.verdict().get(), false);
        } catch (InterruptedException e) {
            try {
                Verdict stopped = gate.stop(StopSignals.cause()).get(STOP_SECONDS, TimeUnit.SECONDS);
                return new GateOutcome(stopped, !stopped.isHealthy());
            } catch (InterruptedException again) {
                throw new IllegalStateException("interrupted twice while the gate stopped", again);
            }
        }
    }
}
