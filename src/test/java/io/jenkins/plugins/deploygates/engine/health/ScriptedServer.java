package io.jenkins.plugins.deploygates.engine.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on loopback whose answer to request number n (from 1) the test scripts. */
final class ScriptedServer implements AutoCloseable {
    /** What to answer to the n-th request. */
    interface Script {
        Reply reply(int n, HttpExchange exchange) throws Exception;
    }

    static final class Reply {
        final int status;
        final byte[] body;
        final long delayMs;
        final String location;

        private Reply(int status, byte[] body, long delayMs, String location) {
            this.status = status;
            this.body = body;
            this.delayMs = delayMs;
            this.location = location;
        }

        static Reply of(int status, String body) {
            return new Reply(status, body.getBytes(StandardCharsets.UTF_8), 0, null);
        }

        static Reply bytes(int status, byte[] body) {
            return new Reply(status, body, 0, null);
        }

        static Reply redirect(String location) {
            return new Reply(302, new byte[0], 0, location);
        }

        Reply after(long millis) {
            return new Reply(status, body, millis, location);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();

    ScriptedServer(Script script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> handle(script, exchange));
        server.setExecutor(pool);
        server.start();
    }

    private void handle(Script script, HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply = script.reply(requests.incrementAndGet(), exchange);
            if (reply.delayMs > 0) {
                Thread.sleep(reply.delayMs);
            }
            if (reply.location != null) {
                exchange.getResponseHeaders().add("Location", reply.location);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status, reply.body.length == 0 ? -1 : reply.body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body);
            }
        } catch (IOException | InterruptedException e) {
            // The client went away (timeout test, body limit): nothing to answer.
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
