package io.jenkins.plugins.deploygates.library;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A deployed service as the gates see it, on loopback: {@code /health} answers 200 or 503 as the test decides
 * (per request number, so "healthy once, then failing" is one line), {@code /version} the commit it serves.
 */
final class ServiceDouble implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger healthRequests = new AtomicInteger();
    private volatile IntUnaryOperator health = request -> 200;
    private volatile String commit = "";

    private ServiceDouble() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            int status = health.applyAsInt(healthRequests.incrementAndGet());
            send(exchange, status, "{\"status\":\"" + (status == 200 ? "ok" : "down") + "\"}");
        });
        server.createContext("/version", exchange -> send(exchange, 200, "{\"commit\":\"" + commit + "\"}"));
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "service-double");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    static ServiceDouble start() throws IOException {
        return new ServiceDouble();
    }

    /** The status of the n-th health request (counted from 1). */
    ServiceDouble health(IntUnaryOperator statusOfRequest) {
        this.health = statusOfRequest;
        return this;
    }

    ServiceDouble serving(String servedCommit) {
        this.commit = servedCommit;
        return this;
    }

    String healthUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    String versionUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/version";
    }

    int healthRequests() {
        return healthRequests.get();
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, 0); // chunked: the JSON is short, its length does not matter
        exchange.getResponseBody().write(json.getBytes(StandardCharsets.UTF_8));
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
