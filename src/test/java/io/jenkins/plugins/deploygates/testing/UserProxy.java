package io.jenkins.plugins.deploygates.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * The kit's Jenkins as one of its users sees it, for a browser that cannot log in by itself (headless chromium
 * taking a screenshot): a loopback proxy that forwards GET requests with the user's API token. Read-only.
 */
public final class UserProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "transfer-encoding",
            "keep-alive", ":status");
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(20)).build();
    private final URI jenkins;
    private final String authorization;

    private UserProxy(RealJenkins real, String user) throws IOException {
        this.jenkins = real.url();
        this.authorization = real.authorization(user);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "user-proxy");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public static UserProxy as(RealJenkins jenkins, String user) throws IOException {
        return new UserProxy(jenkins, user);
    }

    /** The address of {@code path} (e.g. {@code job/x/1/input/}) through this proxy. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(jenkins.resolve(exchange.getRequestURI()
                    .toString().substring(1))).header("Authorization", authorization).timeout(Duration.ofSeconds(60))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
