package io.jenkins.plugins.deploygates.engine.health;

import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs one health gate without holding a thread: each round of probes is scheduled on the shared
 * {@link GateRuntime}, and the gate's state moves on in the probes' callbacks. Rounds never overlap, so the state
 * below is only touched by one round at a time (the lock is for {@link #cancel}).
 *
 * <p>Await phase: every {@code interval}, probe all targets; a round is healthy when every target is; the gate
 * is healthy after {@code successThreshold} healthy rounds in a row, and fails at {@code timeout}. Watch phase:
 * probe every {@code watchInterval} for {@code watch}, then judge the error rate and p95; it fails early when a
 * limit can no longer be met, because an early rollback is worth more than a complete watch.
 */
public final class HealthGate {
    private final HealthGateConfig config;
    private final GateRuntime runtime;
    private final ProgressLog log;
    /** For lines built only from parts already redacted (sample lines): one regex pass per sample is enough. */
    private final ProgressLog redactedLog;
    private final Redactor redactor;
    private final Map<HealthTarget, String> shownTargets = new HashMap<>();
    private final LongSupplier clockMs;
    private final HttpProbe http;
    private final WebSocketProbe webSocket;
    private final CompletableFuture<Verdict> verdict = new CompletableFuture<>();
    private final GateSamples samples = new GateSamples();
    private final Map<String, Integer> consecutiveFailures = new HashMap<>();
    /** Probe notes already printed: each is said once per gate, not once per probe. */
    private final Set<String> notesSaid = ConcurrentHashMap.newKeySet();
    private final long startMs;
    private int consecutiveSuccesses;
    private long healthyAtMs = -1;
    private long watchStartMs;
    private Future<?> next;

    private HealthGate(HealthGateConfig config, GateRuntime runtime, ProgressLog log, Redactor redactor,
            LongSupplier clockMs) {
        this.config = config;
        this.runtime = runtime;
        this.redactor = knowingTargets(redactor, config);
        this.log = log.redacting(this.redactor);
        this.redactedLog = log;
        config.targets().forEach(t -> shownTargets.put(t, this.redactor.redact(t.toString())));
        this.clockMs = clockMs;
        this.http = new HttpProbe(runtime);
        this.webSocket = new WebSocketProbe(runtime, clockMs);
        this.startMs = clockMs.getAsLong();
    }

    /** Starts a gate and returns at once; the verdict completes when the gate ends. */
    public static HealthGate start(HealthGateConfig config, GateRuntime runtime, ProgressLog log, Redactor redactor) {
        return start(config, runtime, log, redactor, () -> System.nanoTime() / 1_000_000);
    }

    static HealthGate start(HealthGateConfig config, GateRuntime runtime, ProgressLog log, Redactor redactor,
            LongSupplier clockMs) {
        HealthGate gate = new HealthGate(config, runtime, log, redactor, clockMs);
        gate.log.line("[healthGate] " + config.describe());
        gate.schedule(config.initialDelayLeft().toMillis(), gate::awaitRound);
        return gate;
    }

    /**
     * Runs a gate to its verdict on the calling thread (command line). An interrupt (Ctrl-C) stops the gate, and
     * the stopped verdict is returned: the interrupt is consumed, as the command ends with it.
     */
    public static Verdict run(HealthGateConfig config, GateRuntime runtime, ProgressLog log, Redactor redactor)
            throws InterruptedException {
        HealthGate gate = start(config, runtime, log, redactor);
        try {
            return gate.verdict().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            // Ctrl-C on the command line: the verdict, samples so far included, is still worth reporting
            return stopped(gate);
        }
    }

    private static Verdict stopped(HealthGate gate) throws InterruptedException {
        try {
            return gate.stop("interrupted").get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new InterruptedException("interrupted, and the gate did not stop in time");
        }
    }

    public CompletableFuture<Verdict> verdict() {
        return verdict;
    }

    /** How many samples the gate has taken so far. */
    public int sampleCount() {
        return samples.count();
    }

    /**
     * Ends the gate now, on its own runtime thread, with a failed verdict that keeps every sample taken so far (the
     * build was aborted, the command stopped): what the gate saw until then can still be reported. No further probe
     * starts; a verdict already reached stands.
     */
    public CompletableFuture<Verdict> stop(String why) {
        runtime.scheduler().execute(() -> {
            synchronized (this) {
                if (next != null) {
                    next.cancel(false);
                }
            }
            if (!verdict.isDone()) {
                Sample last = samples.lastFailure();
                finish(false, healthyAtMs >= 0 ? Phase.WATCH : Phase.AWAIT, "stopped after "
                        + Durations.format(Duration.ofMillis(now())) + " (" + why + ")"
                        + (last == null ? "" : "; last failure: " + last.getTarget() + ": " + last.getDetail()));
            }
        });
        return verdict;
    }

    /** Stops the gate: no further probe starts, and the verdict completes with a CancellationException. */
    public synchronized void cancel() {
        if (next != null) {
            next.cancel(false);
        }
        verdict.completeExceptionally(new CancellationException("health gate cancelled"));
    }

    /** Header values and query secrets of every target: a failing endpoint may quote them in its body. */
    private static Redactor knowingTargets(Redactor redactor, HealthGateConfig config) {
        Redactor knowing = redactor;
        for (HealthTarget t : config.targets()) {
            knowing = knowing.withHeaderSecrets(t.headers()).withHeaderValues(t.secretHeaderValues())
                    .withQuerySecrets(t.url().toString());
        }
        return knowing;
    }

    private long now() {
        return clockMs.getAsLong() - startMs;
    }

    private synchronized void schedule(long delayMs, Runnable round) {
        if (!verdict.isDone()) {
            next = runtime.scheduler().schedule(round, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
        }
    }

    private void awaitRound() {
        long roundStart = now();
        probeAll(Phase.AWAIT).whenComplete((round, failure) -> {
            if (failure != null) {
                verdict.completeExceptionally(failure);
            } else if (!verdict.isDone()) {
                afterAwaitRound(roundStart, round);
            }
        });
    }

    private void afterAwaitRound(long roundStart, List<Sample> round) {
        consecutiveSuccesses = round.stream().allMatch(Sample::isSuccess) ? consecutiveSuccesses + 1 : 0;
        if (consecutiveSuccesses >= config.successThreshold()) {
            healthyAtMs = now();
            log.line("[healthGate] healthy after " + healthyAtMs + "ms");
            if (config.watches()) {
                startWatch();
            } else {
                finish(true, Phase.AWAIT, "healthy after " + healthyAtMs + "ms (" + consecutiveSuccesses
                        + " consecutive healthy round(s))");
            }
            return;
        }
        long deadline = config.timeoutLeft().toMillis();
        long nextStart = roundStart + config.interval().toMillis();
        if (now() >= deadline) {
            notHealthyInTime();
        } else if (nextStart >= deadline) {
            schedule(deadline - now(), this::notHealthyInTime); // no probe may start that the timeout would cut
        } else {
            schedule(nextStart - now(), this::awaitRound);
        }
    }

    private void notHealthyInTime() {
        Sample last = samples.lastFailure();
        finish(false, Phase.AWAIT, "not healthy within " + Durations.format(config.timeout())
                + (last == null ? "" : "; last failure: " + last.getTarget() + ": " + last.getDetail()));
    }

    /**
     * The attempt timeout of a probe starting now: in the await phase, never past the gate's timeout, so the timeout
     * bounds the gate. A gate resumed with nothing left still gets one whole attempt (it probes at least once).
     */
    private Duration attemptTimeout(Phase phase) {
        long left = config.timeoutLeft().toMillis() - now();
        long whole = config.attemptTimeout().toMillis();
        return phase == Phase.AWAIT && left > 0 && left < whole ? Duration.ofMillis(left) : config.attemptTimeout();
    }

    private void startWatch() {
        watchStartMs = now();
        log.line("[healthGate] watching for " + Durations.format(config.watch()));
        watchRound();
    }

    private void watchRound() {
        long roundStart = now();
        probeAll(Phase.WATCH).whenComplete((round, failure) -> {
            if (failure != null) {
                verdict.completeExceptionally(failure);
            } else if (!verdict.isDone()) {
                afterWatchRound(roundStart, round);
            }
        });
    }

    private void afterWatchRound(long roundStart, List<Sample> round) {
        String tripped = WatchJudge.tripped(config, round, consecutiveFailures, samples.inPhase(Phase.WATCH));
        if (tripped != null) {
            finish(false, Phase.WATCH, "rollback recommended: " + tripped);
            return;
        }
        long watchEnd = watchStartMs + config.watch().toMillis();
        long nextStart = roundStart + config.watchInterval().toMillis();
        if (nextStart >= watchEnd) {
            schedule(watchEnd - now(), this::endWatch);
        } else {
            schedule(nextStart - now(), this::watchRound);
        }
    }

    private void endWatch() {
        String failed = WatchJudge.atEnd(config, samples.inPhase(Phase.WATCH));
        if (failed != null) {
            finish(false, Phase.WATCH, "rollback recommended: " + failed);
        } else {
            finish(true, Phase.WATCH, "healthy after " + healthyAtMs + "ms; "
                    + WatchJudge.describe(config, samples.inPhase(Phase.WATCH)));
        }
    }

    private CompletableFuture<List<Sample>> probeAll(Phase phase) {
        List<CompletableFuture<Sample>> probes = new ArrayList<>();
        for (HealthTarget target : config.targets()) {
            probes.add(probe(target, phase));
        }
        return CompletableFuture.allOf(probes.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            List<Sample> round = new ArrayList<>();
            probes.forEach(p -> round.add(p.join()));
            return round;
        });
    }

    private CompletableFuture<Sample> probe(HealthTarget target, Phase phase) {
        long at = now();
        Duration attempt = attemptTimeout(phase);
        boolean capped = !attempt.equals(config.attemptTimeout());
        CompletableFuture<ProbeResult> result = target.isWebSocket()
                ? webSocket.probe(target, attempt) : http.probe(target, attempt);
        return result.thenApply(r -> {
            boolean cut = capped && r.timedOut;
            if (cut) {
                r = r.withDetail("no answer in the " + attempt.toMillis() + "ms left before the "
                        + Durations.format(config.timeout()) + " timeout");
            }
            if (r.note != null && notesSaid.add(r.note)) {
                log.line("[healthGate] " + r.note);
            }
            long latency = r.latencyMs >= 0 ? r.latencyMs : now() - at;
            Sample sample = new Sample(shownTargets.get(target), phase, at, latency, r.outcome, r.status,
                    r.detail == null ? null : redactor.redact(r.detail));
            samples.add(sample, cut);
            redactedLog.line("[healthGate] " + sample.describe());
            return sample;
        });
    }

    private void finish(boolean healthy, Phase phase, String reason) {
        Verdict v = new Verdict(healthy, phase, redactor.redact(reason), samples.snapshot(), healthyAtMs, now());
        log.line("[healthGate] " + v.summary());
        verdict.complete(v);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
