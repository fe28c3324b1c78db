package io.jenkins.plugins.deploygates.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server that serves a folder the way Jenkins serves a build's archived artifacts: with the
 * Content-Security-Policy Jenkins sends by default ({@code hudson.model.DirectoryBrowserSupport.CSP}) and
 * {@code X-Content-Type-Options: nosniff}, so a page can be tried under exactly those rules without a Jenkins. It
 * remembers every path asked for, so a test can see what a page loaded or where a click went.
 */
public final class ArtifactServer implements AutoCloseable {
    /** Jenkins' default, as its artifact pages send it. */
    public static final String JENKINS_CSP =
            "sandbox allow-same-origin; default-src 'none'; img-src 'self'; style-src 'self';";
    private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=utf-8", "css",
            "text/css;charset=utf-8", "json", "application/json", "png", "image/png", "xml", "application/xml");

    private final HttpServer server;
    private final Path root;
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final Map<String, String> required;

    private ArtifactServer(Path root, Map<String, String> required) throws IOException {
        this.root = root.toRealPath();
        this.required = Map.copyOf(required);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Serves the files under {@code root} (on a free loopback port) until closed. */
    public static ArtifactServer serving(Path root) throws IOException {
        return new ArtifactServer(root, Map.of());
    }

    /** The same, answering 401 to a request without these headers, as Jenkins does when anonymous may not read. */
    public static ArtifactServer serving(Path root, Map<String, String> requiredHeaders) throws IOException {
        return new ArtifactServer(root, requiredHeaders);
    }

    /** The address of a file, relative to the served folder. */
    public URI url(String relative) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + relative);
    }

    /** Every path asked for so far, in order. */
    public List<String> requested() {
        return List.copyOf(requested);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requested.add(path);
            Path file = root.resolve(path.substring(1)).normalize();
            exchange.getResponseHeaders().set("Content-Security-Policy", JENKINS_CSP);
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            boolean allowed = required.entrySet().stream()
                    .allMatch(h -> h.getValue().equals(exchange.getRequestHeaders().getFirst(h.getKey())));
            if (!allowed) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String name = file.getFileName().toString();
            String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
