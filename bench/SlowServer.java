import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * A loopback target for the benchmarks, run in its own JVM so its threads are not counted against the gates:
 * GET /slow answers 503 after DELAY_MS (a target that is slow and never healthy), GET /at/EPOCH_MS answers 503 until
 * that wall-clock time and 200 after it. Prints its port on stdout.
 */
public final class SlowServer {
    public static void main(String[] args) throws Exception {
        long delayMs = Long.parseLong(args.length > 0 ? args[0] : "2000");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/slow", x -> {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(x, 503);
        });
        server.createContext("/at/", x -> {
            long at = Long.parseLong(x.getRequestURI().getPath().substring(4));
            reply(x, System.currentTimeMillis() >= at ? 200 : 503);
        });
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange x, int status) throws java.io.IOException {
        byte[] body = ("{\"status\":" + status + "}").getBytes();
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }
}
