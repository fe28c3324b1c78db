package io.jenkins.plugins.deploygates.engine.health;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The threads every health gate in a JVM shares: one small scheduler that times probes and runs callbacks, and
 * one non-blocking HTTP client (a single selector thread) on top of it. A gate waiting between probes or for a
 * slow target holds no thread, so hundreds of concurrent gates cost three threads, not hundreds.
 */
public final class GateRuntime implements AutoCloseable {
    private static final int THREADS = 2;
    private static volatile GateRuntime shared;

    private final ScheduledExecutorService scheduler;
    private final HttpClient http;

    GateRuntime(ScheduledExecutorService scheduler) {
        this(scheduler, null);
    }

    /** @param tls the trust to use instead of the JVM's default, or null */
    private GateRuntime(ScheduledExecutorService scheduler, SSLContext tls) {
        this.scheduler = scheduler;
        // Redirects are followed by HttpProbe itself, which decides which headers each hop may carry.
        HttpClient.Builder http = HttpClient.newBuilder()
                .executor(scheduler)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30));
        this.http = (tls == null ? http : http.sslContext(tls)).build();
    }

    /** A runtime of its own that trusts what this TLS context trusts (a test's own certificate authority). */
    static GateRuntime trusting(SSLContext tls) {
        return new GateRuntime(newScheduler(), tls);
    }

    /** A runtime of its own, for tests and the command line; close it when done. */
    public static GateRuntime create() {
        return new GateRuntime(newScheduler());
    }

    /** The runtime all gates of this JVM share (the Jenkins controller uses this one). */
    public static GateRuntime shared() {
        if (shared == null) {
            synchronized (GateRuntime.class) {
                if (shared == null) {
                    shared = create();
                }
            }
        }
        return shared;
    }

    private static ScheduledExecutorService newScheduler() {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(THREADS, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("deploy-gates-health-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        if (this != shared) {
            scheduler.shutdownNow();
        }
    }
}
