package io.jenkins.plugins.deploygates.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A click tracker on its own host (127.0.0.2), as mail providers put in front of every link: {@code /c/ID} sets a
 * cookie and redirects to {@code /r/ID}, which wants that cookie back and redirects to the real link. It can also
 * play a host that has no business receiving the link at all: then it just records what it was sent.
 */
public final class ClickTracker implements AutoCloseable {
    static final String HOST = "127.0.0.2";
    private final HttpServer server;
    private final Map<String, String> targets = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public ClickTracker() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String base() {
        return "http://" + HOST + ":" + server.getAddress().getPort();
    }

    /** A tracked link that leads to {@code target}. */
    public String track(String target) {
        String id = UUID.randomUUID().toString().replace("-", "");
        targets.put(id, target);
        return base() + "/c/" + id;
    }

    /** Every request this host got: method, path and query, and the Cookie header. */
    public List<String> requests() {
        return requests;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String cookie = ex.getRequestHeaders().getFirst("Cookie");
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " cookie=" + cookie);
            String id = path.substring(path.lastIndexOf('/') + 1);
            String target = targets.get(id);
            if (target == null) {
                ex.sendResponseHeaders(404, -1);
            } else if (path.startsWith("/c/")) {
                ex.getResponseHeaders().add("Set-Cookie", "trk=" + id.substring(0, 8) + "; Path=/; HttpOnly");
                redirect(ex, "/r/" + id);
            } else if (cookie != null && cookie.contains("trk=" + id.substring(0, 8))) {
                redirect(ex, target);
            } else {
                ex.sendResponseHeaders(400, -1);
            }
        }
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(302, -1);
    }

    /** The JDK server's stop waits for its dispatcher (up to a second): let it finish in the background. */
    @Override
    public void close() {
        Thread stopper = new Thread(() -> server.stop(0), "click-tracker-stop");
        stopper.setDaemon(true);
        stopper.start();
    }
}
