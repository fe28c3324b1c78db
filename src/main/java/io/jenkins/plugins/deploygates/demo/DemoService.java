package io.jenkins.plugins.deploygates.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small example backend on loopback for the demo: it starts "warming up" and reports its components (database,
 * cache) as up only after a while, the way a real service behaves right after a deploy.
 */
public final class DemoService implements AutoCloseable {
    public static final String VERSION = "demo-1.0.0";

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "demo-service");
        t.setDaemon(true);
        return t;
    });
    private final long healthyAtNanos;

    private DemoService(Duration healthyAfter) throws IOException {
        this.healthyAtNanos = System.nanoTime() + healthyAfter.toNanos();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", this::health);
        server.createContext("/version", x -> send(x, 200, "{\"version\":\"" + VERSION + "\"}"));
        server.setExecutor(pool);
        server.start();
    }

    /** Starts the service; it reports healthy once {@code healthyAfter} has passed. */
    public static DemoService start(Duration healthyAfter) throws IOException {
        return new DemoService(healthyAfter);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Whether the service may also expose other routes (the smoke flow adds its own server). */
    public HttpServer server() {
        return server;
    }

    private void health(HttpExchange exchange) throws IOException {
        boolean ready = System.nanoTime() >= healthyAtNanos;
        String component = ready ? "up" : "starting";
        send(exchange, ready ? 200 : 503, "{\"status\":\"" + (ready ? "ok" : "starting") + "\",\"version\":\"" + VERSION
                + "\",\"checks\":{\"database\":\"" + component + "\",\"cache\":\"" + component + "\"}}");
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
