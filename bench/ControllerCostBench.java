import com.sun.management.OperatingSystemMXBean;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.health.GateRuntime;
import io.jenkins.plugins.deploygates.engine.health.HealthGate;
import io.jenkins.plugins.deploygates.engine.health.HealthGateSpec;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What N concurrent waiting health gates cost a Jenkins controller: threads held and CPU used during a window, for
 * healthGate on the shared runtime ("gates") versus one blocking thread per gate ("blocking", what a
 * SynchronousNonBlockingStepExecution polling loop costs). The target (SlowServer, another JVM) answers 503 after
 * a delay, so every gate keeps waiting for its 5-minute timeout. Args: MODE SERVER_PORT GATES WINDOW_S.
 */
public final class ControllerCostBench {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = "http://127.0.0.1:" + args[1] + "/slow";
        int gates = Integer.parseInt(args[2]);
        long windowMs = Long.parseLong(args[3]) * 1000;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<Object> running = new ArrayList<>();
        if (mode.equals("gates")) {
            GateRuntime runtime = GateRuntime.shared();
            for (int i = 0; i < gates; i++) {
                running.add(HealthGate.start(new HealthGateSpec().url(url).interval("1s").attemptTimeout("5s")
                        .timeout("5m").toConfig(), runtime, ProgressLog.discard(), Redactor.byShape()));
            }
        } else {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (int i = 0; i < gates; i++) {
                Thread t = new Thread(() -> blockingGate(client, url), "blocking-gate-" + i);
                t.setDaemon(true);
                t.start();
                running.add(t);
            }
        }
        Thread.sleep(2000);
        long cpuStart = os.getProcessCpuTime();
        int peak = 0;
        long end = System.currentTimeMillis() + windowMs;
        while (System.currentTimeMillis() < end) {
            peak = Math.max(peak, ManagementFactory.getThreadMXBean().getThreadCount());
            Thread.sleep(200);
        }
        long cpuMs = (os.getProcessCpuTime() - cpuStart) / 1_000_000;
        System.out.printf(Locale.ROOT, "%s: %d gates, threads held %d (peak %d, before %d), CPU %d ms over %d s%n",
                mode, gates, peak - threadsBefore, peak, threadsBefore, cpuMs, windowMs / 1000);
        System.exit(0);
    }

    /** One gate as a blocking loop: a thread that sends a request, waits for it, sleeps the interval, repeats. */
    private static void blockingGate(HttpClient client, String url) {
        while (true) {
            try {
                client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // A refused or timed-out probe is just another failed sample: keep waiting, as the gate does.
            }
        }
    }
}
