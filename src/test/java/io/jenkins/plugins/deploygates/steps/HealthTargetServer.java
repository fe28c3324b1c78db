package io.jenkins.plugins.deploygates.steps;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service's health endpoint on loopback for the step tests: it answers 503 until {@link #healthyAfter} requests
 * have come, then 200 with {@code {"status":"ok","db":"up"}}; {@link #failing} turns it unhealthy again.
 */
final class HealthTargetServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int healthyAfter;
    private volatile boolean failing;

    HealthTargetServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            int n = requests.incrementAndGet();
            boolean healthy = n > healthyAfter && !failing;
            byte[] body = (healthy ? "{\"status\":\"ok\",\"db\":\"up\"}" : "{\"status\":\"starting\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(healthy ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    HealthTargetServer healthyAfter(int requestCount) {
        healthyAfter = requestCount;
        return this;
    }

    HealthTargetServer failing(boolean value) {
        failing = value;
        return this;
    }

    int requests() {
        return requests.get();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
