package io.jenkins.plugins.deploygates.engine.health;

import java.net.Authenticator;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
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
        this(scheduler, HttpClient.newBuilder());
    }

    private GateRuntime(ScheduledExecutorService scheduler, HttpClient.Builder http) {
        this.scheduler = scheduler;
        // Redirects are followed by HttpProbe itself, which decides which headers each hop may carry.
        this.http = http
                .executor(scheduler)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** A runtime of its own that trusts what this TLS context trusts (a test's own certificate authority). */
    static GateRuntime trusting(SSLContext tls) {
        return new GateRuntime(newScheduler(defaultThreads()), HttpClient.newBuilder().sslContext(tls));
    }

    /** A runtime of its own, for tests and the command line; close it when done. */
    public static GateRuntime create() {
        return new GateRuntime(newScheduler(defaultThreads()));
    }

    /**
     * A runtime whose threads come from {@code threads} and whose requests go through {@code proxy}, answering a
     * proxy's challenge with {@code proxyLogin} (may be null): a Jenkins controller passes its own.
     */
    public static GateRuntime create(ThreadFactory threads, ProxySelector proxy, Authenticator proxyLogin) {
        HttpClient.Builder http = HttpClient.newBuilder().proxy(proxy);
        if (proxyLogin != null) {
            http.authenticator(proxyLogin);
        }
        return new GateRuntime(newScheduler(threads), http);
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

    private static ThreadFactory defaultThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("deploy-gates-health-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static ScheduledExecutorService newScheduler(ThreadFactory threads) {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(THREADS, threads);
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
