import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.health.GateRuntime;
import io.jenkins.plugins.deploygates.engine.health.HealthGate;
import io.jenkins.plugins.deploygates.engine.health.HealthGateSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Detection latency after a target turns healthy: healthGate (fixed interval) versus the Jenkins idiom
 * {@code waitUntil { httpRequest(...).status == 200 }}. Two back-offs are measured: Jenkins' own (waitUntil starts at
 * 0.25 s and multiplies the pause by 1.2 up to 15 s: workflow-basic-steps, {@code WaitForConditionStep}) and a
 * doubling one (0.25 s, 0.5 s, 1 s, ... 15 s). For each back-off the gate gets the interval that spends the same
 * expected number of requests when the moment of health T is uniform in [1 s, S] (computed exactly below, not
 * from the draws), so both sides have the same request budget. Every trial runs all four watchers side by side on
 * one target; all trials run at once (the gates hold no thread, each back-off loop holds one).
 *
 * <p>The exact model is printed next to the measurement: measured figures should match it, and it also shows the
 * ratio is a property of the schedules, not of noise. Args: SERVER_PORT TRIALS MAX_HEALTHY_AFTER_S.
 */
public final class DetectionLatencyBench {
    private static final double MIN_AFTER = 1;

    /** A waitUntil back-off: first pause 0.25 s, each next one {@code factor} times longer, capped at 15 s. */
    record Backoff(String name, double factor) {
        /** Probe times in seconds from the start, the first at 0, until past {@code horizon}. */
        double[] probeTimes(double horizon) {
            List<Double> times = new ArrayList<>(List.of(0.0));
            double pause = 0.25;
            while (times.get(times.size() - 1) <= horizon) {
                times.add(times.get(times.size() - 1) + pause);
                pause = Math.min(15, pause * factor);
            }
            return times.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /** Expected detection latency (s) and requests (the healthy one included) over T uniform in [1, maxAfter]. */
    record Expected(double latency, double requests) {
        static Expected of(double[] probes, double maxAfter) {
            int steps = 200_000;
            double latency = 0, requests = 0;
            int next = 0;
            for (int i = 0; i < steps; i++) {
                double t = MIN_AFTER + (maxAfter - MIN_AFTER) * (i + 0.5) / steps;
                while (probes[next] < t) {
                    next++;
                }
                latency += probes[next] - t;
                requests += next + 1;
            }
            return new Expected(latency / steps, requests / steps);
        }

        static Expected fixed(double interval, double maxAfter) {
            return of(fixedTimes(interval, maxAfter), maxAfter);
        }
    }

    static double[] fixedTimes(double interval, double horizon) {
        int n = (int) Math.ceil(horizon / interval) + 2;
        double[] times = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = i * interval;
        }
        return times;
    }

    /** The gate interval (s) whose expected request count equals {@code budget}: bisection, requests fall as it grows. */
    static double intervalForBudget(double budget, double maxAfter) {
        double low = 0.01, high = maxAfter;
        for (int i = 0; i < 60; i++) {
            double mid = (low + high) / 2;
            if (Expected.fixed(mid, maxAfter).requests() > budget) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    /**
     * The least expected latency that any probe schedule can reach on {@code budget} requests, even one that knows T
     * is uniform in [1, S]. Minimising the sum of g_i^2 / 2 (latency) at a fixed sum of i * g_i (requests: the i-th
     * probe in the range is sent only when T comes after the ones before it) gives gaps g_i = mu - lambda * i: the later
     * a probe, the less often it is paid for, so the closer it may follow. Searched over every probe count n.
     */
    static double bestLatency(double budget, double maxAfter) {
        double range = maxAfter - MIN_AFTER, best = Double.MAX_VALUE;
        for (int n = 1; n <= 1000; n++) {
            double low = 0, high = 2 * range / ((double) n * (n + 1)); // at high the last gap is 0
            if (requests(gaps(n, high, range), range) > budget) {
                continue; // n probes in the range cost more than the budget however they are spread
            }
            for (int i = 0; i < 60 && requests(gaps(n, low, range), range) > budget; i++) {
                double mid = (low + high) / 2;
                if (requests(gaps(n, mid, range), range) > budget) {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            double lambda = requests(gaps(n, low, range), range) <= budget ? low : high;
            double latency = 0;
            for (double g : gaps(n, lambda, range)) {
                latency += g * g / (2 * range);
            }
            best = Math.min(best, latency);
        }
        return best;
    }

    private static double[] gaps(int n, double lambda, double range) {
        double mu = (range + lambda * n * (n + 1) / 2.0) / n;
        double[] gaps = new double[n];
        for (int i = 0; i < n; i++) {
            gaps[i] = mu - lambda * (i + 1);
        }
        return gaps;
    }

    private static double requests(double[] gaps, double range) {
        double requests = 1; // the probe at 0
        for (int i = 0; i < gaps.length; i++) {
            requests += (i + 1) * gaps[i] / range;
        }
        return requests;
    }

    /** What one watcher saw in one trial. */
    record Detection(double latency, int requests) {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int trials = Integer.parseInt(args[1]);
        double maxAfter = Double.parseDouble(args[2]);
        List<Backoff> backoffs = List.of(new Backoff("waitUntil (Jenkins: x1.2)", 1.2), new Backoff("doubling (x2)", 2));
        long[] gateIntervalMs = new long[backoffs.size()];
        System.out.printf(Locale.ROOT, "T uniform in [%.0f s, %.0f s], %d trials (stratified draws), all side by side%n",
                MIN_AFTER, maxAfter, trials);
        for (int b = 0; b < backoffs.size(); b++) {
            Expected back = Expected.of(backoffs.get(b).probeTimes(maxAfter), maxAfter);
            double interval = intervalForBudget(back.requests(), maxAfter);
            gateIntervalMs[b] = Math.round(interval * 1000);
            Expected gate = Expected.fixed(interval, maxAfter);
            double best = bestLatency(back.requests(), maxAfter);
            System.out.printf(Locale.ROOT, "model %-26s mean %5.2f s, %5.2f req | healthGate every %5.2f s: mean %5.2f s,"
                    + " %5.2f req | ratio %.2fx | best any schedule can do on this budget: %5.2f s, %.2fx%n",
                    backoffs.get(b).name(), back.latency(), back.requests(), interval, gate.latency(), gate.requests(),
                    back.latency() / gate.latency(), best, back.latency() / best);
        }
        double[] afters = stratifiedDraws(trials, maxAfter);
        List<List<CompletableFuture<Detection>>> watchers = new ArrayList<>();
        try (GateRuntime runtime = GateRuntime.create()) {
            // Every watcher of every trial is created first and probes first at the same moment, so none starts late
            // because the others were still being set up (with 2 cores that took up to 0.6 s).
            long start = System.currentTimeMillis() + 3000;
            for (double after : afters) {
                long healthyAt = start + Math.round(after * 1000);
                String url = "http://127.0.0.1:" + port + "/at/" + healthyAt;
                List<CompletableFuture<Detection>> trial = new ArrayList<>();
                for (int b = 0; b < backoffs.size(); b++) {
                    trial.add(gate(runtime, url, gateIntervalMs[b], start, healthyAt));
                }
                for (Backoff backoff : backoffs) {
                    trial.add(waitUntilLoop(url, backoff, start, healthyAt));
                }
                watchers.add(trial);
            }
            report(backoffs, gateIntervalMs, afters, watchers);
        }
    }

    /** One draw in each of {@code trials} equal slices of [1, maxAfter]: the sample covers the range evenly. */
    static double[] stratifiedDraws(int trials, double maxAfter) {
        Random random = new Random(20261124);
        double[] afters = new double[trials];
        for (int i = 0; i < trials; i++) {
            afters[i] = MIN_AFTER + (maxAfter - MIN_AFTER) * (i + random.nextDouble()) / trials;
        }
        return afters;
    }

    static CompletableFuture<Detection> gate(GateRuntime runtime, String url, long intervalMs, long start,
            long healthyAt) {
        long delayMs = start - System.currentTimeMillis();
        if (delayMs < 0) {
            throw new IllegalStateException("watchers were still being created " + -delayMs + " ms after the start");
        }
        return HealthGate.start(new HealthGateSpec().url(url).initialDelay(delayMs + "ms").interval(intervalMs + "ms")
                .timeout("10m")
                .attemptTimeout("5s").toConfig(), runtime, ProgressLog.discard(), Redactor.byShape())
                .verdict().thenApply(v -> new Detection(secondsSince(healthyAt), v.getSamples().size()));
    }

    /** waitUntil's loop on its own thread: probe; while unhealthy, pause, then lengthen the pause. */
    static CompletableFuture<Detection> waitUntilLoop(String url, Backoff backoff, long start, long healthyAt) {
        CompletableFuture<Detection> result = new CompletableFuture<>();
        Thread loop = new Thread(() -> {
            HttpClient client = HttpClient.newHttpClient();
            double pause = 0.25;
            try {
                Thread.sleep(start - System.currentTimeMillis());
                for (int requests = 1; ; requests++) {
                    int status = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status == 200) {
                        result.complete(new Detection(secondsSince(healthyAt), requests));
                        return;
                    }
                    Thread.sleep(Math.round(pause * 1000));
                    pause = Math.min(15, pause * backoff.factor());
                }
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        loop.start();
        return result;
    }

    static double secondsSince(long epochMs) {
        return Math.max(0, System.currentTimeMillis() - epochMs) / 1000.0;
    }

    static void report(List<Backoff> backoffs, long[] intervalMs, double[] afters,
            List<List<CompletableFuture<Detection>>> watchers) {
        int n = backoffs.size();
        double[] latency = new double[2 * n], worst = new double[2 * n];
        int[] requests = new int[2 * n];
        for (int t = 0; t < afters.length; t++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "trial %2d: healthy after %6.2f s", t + 1, afters[t]));
            for (int w = 0; w < 2 * n; w++) {
                Detection d = watchers.get(t).get(w).join();
                latency[w] += d.latency();
                worst[w] = Math.max(worst[w], d.latency());
                requests[w] += d.requests();
                line.append(String.format(Locale.ROOT, " | %s %5.2f s (%d)", w < n ? "gate" : "loop", d.latency(), d.requests()));
            }
            System.out.println(line);
        }
        for (int b = 0; b < n; b++) {
            double gateMean = latency[b] / afters.length, loopMean = latency[n + b] / afters.length;
            System.out.printf(Locale.ROOT, "measured vs %-26s healthGate every %5.2f s: mean %5.2f s (worst %5.2f s), %d req |"
                    + " back-off: mean %5.2f s (worst %5.2f s), %d req | ratio %.2fx%n", backoffs.get(b).name(),
                    intervalMs[b] / 1000.0, gateMean, worst[b], requests[b], loopMean, worst[n + b], requests[n + b],
                    loopMean / gateMean);
        }
    }
}
