import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.health.GateRuntime;
import io.jenkins.plugins.deploygates.engine.health.HealthGate;
import io.jenkins.plugins.deploygates.engine.health.HealthGateSpec;
import io.jenkins.plugins.deploygates.engine.health.Verdict;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Random;

/**
 * Detection latency after a target turns healthy: healthGate (fixed interval) versus the Jenkins idiom
 * {@code waitUntil { httpRequest(...).status == 200 }}, whose back-off doubles from 0.25 s up to 15 s.
 * Both watch the same target in the same run; the gate's interval is chosen so that it sends no more requests than
 * the back-off loop over the same wait (same request budget). Args: SERVER_PORT TRIALS MAX_HEALTHY_AFTER_S.
 */
public final class DetectionLatencyBench {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int trials = Integer.parseInt(args[1]);
        double maxAfter = Double.parseDouble(args[2]);
        Random random = new Random(42);
        double gateTotal = 0, loopTotal = 0;
        int gateWorst = 0, gateRequests = 0, loopRequests = 0;
        long worstInterval = 0;
        // The gate does not know when the target turns healthy: one interval for every trial, chosen so that over
        // all trials the gate sends as many requests as the back-off loops (the same request budget).
        double[] afters = new double[trials];
        double waitSum = 0;
        int budget = 0;
        for (int t = 0; t < trials; t++) {
            afters[t] = 1 + random.nextDouble() * (maxAfter - 1);
            waitSum += afters[t];
            budget += backoffRequests(afters[t]);
        }
        long intervalMs = (long) Math.ceil(waitSum * 1000 / Math.max(1, budget - trials));
        worstInterval = intervalMs;
        System.out.printf(Locale.ROOT, "request budget %d over %d trials: healthGate interval %dms%n", budget, trials, intervalMs);
        try (GateRuntime runtime = GateRuntime.create()) {
            for (int t = 0; t < trials; t++) {
                double after = afters[t];
                long healthyAt = System.currentTimeMillis() + (long) (after * 1000);
                String url = "http://127.0.0.1:" + port + "/at/" + healthyAt;
                double[] loopResult = new double[2];
                Thread loop = new Thread(() -> loopResult[0] = waitUntilLoop(url, healthyAt, loopResult));
                loop.start();
                Verdict v = HealthGate.run(new HealthGateSpec().url(url).interval(intervalMs + "ms").timeout("10m")
                        .attemptTimeout("5s").toConfig(), runtime, ProgressLog.discard(), Redactor.byShape());
                long gateDetected = System.currentTimeMillis();
                loop.join();
                double gateLatency = Math.max(0, gateDetected - healthyAt) / 1000.0;
                gateTotal += gateLatency;
                gateWorst = Math.max(gateWorst, (int) (gateLatency * 1000));
                loopTotal += loopResult[0];
                gateRequests += v.getSamples().size();
                loopRequests += (int) loopResult[1];
                System.out.printf(Locale.ROOT, "trial %2d: healthy after %5.2fs  gate interval %5dms  gate %5.2fs (%d req)"
                        + "  waitUntil %5.2fs (%d req)%n", t + 1, after, intervalMs, gateLatency, v.getSamples().size(),
                        loopResult[0], (int) loopResult[1]);
            }
        }
        System.out.printf(Locale.ROOT, "mean detection latency: healthGate %.2fs (worst %.2fs, interval %.2fs),"
                + " waitUntil back-off %.2fs, ratio %.1fx; requests: gate %d, waitUntil %d%n", gateTotal / trials,
                gateWorst / 1000.0, worstInterval / 1000.0, loopTotal / trials,
                (loopTotal / trials) / Math.max(0.001, gateTotal / trials), gateRequests, loopRequests);
    }

    /** How many requests the back-off loop sends before it first sees a target healthy after {@code after} s. */
    static int backoffRequests(double after) {
        double t = 0, delay = 0.25;
        int n = 1;
        while (t < after) {
            t += delay;
            delay = Math.min(15, delay * 2);
            n++;
        }
        return n;
    }

    /** waitUntil's loop: probe, and while unhealthy sleep 0.25 s, 0.5 s, 1 s, ... capped at 15 s. */
    static double waitUntilLoop(String url, long healthyAt, double[] result) {
        HttpClient client = HttpClient.newHttpClient();
        long delay = 250;
        int requests = 0;
        try {
            while (true) {
                requests++;
                int status = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    result[1] = requests;
                    return Math.max(0, System.currentTimeMillis() - healthyAt) / 1000.0;
                }
                Thread.sleep(delay);
                delay = Math.min(15_000, delay * 2);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
