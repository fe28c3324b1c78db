package io.jenkins.plugins.deploygates.engine.railway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * The subscription half of {@link FakeRailway}: {@code graphql-transport-ws} over a WebSocket at {@code /graphql/v2},
 * auth on the upgrade's headers or in {@code connection_init}'s payload. A {@code Deployment} subscription plays
 * the deployment's status script, one status every {@link #step}; the log subscriptions send every line in one
 * batch (build logs then complete, as backboard does when a build ends).
 */
final class FakeRailwaySubscriptions {
    private final FakeRailway fake;
    private final AtomicLong upgrades = new AtomicLong();
    private final ExecutorService players = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-railway-subscription");
        t.setDaemon(true);
        return t;
    });
    private volatile Duration step = Duration.ofMillis(20);
    private volatile long lastPushNanos;
    private final java.util.concurrent.atomic.AtomicInteger toDrop = new java.util.concurrent.atomic.AtomicInteger();

    void dropFirst(int n) {
        toDrop.set(n);
    }

    FakeRailwaySubscriptions(FakeRailway fake) {
        this.fake = fake;
    }

    void step(Duration step) {
        this.step = step;
    }

    /** When the last status was handed to the socket ({@link System#nanoTime()}), for latency measurements. */
    long lastPushNanos() {
        return lastPushNanos;
    }

    long upgrades() {
        return upgrades.get();
    }

    MockResponse upgrade(RecordedRequest request) {
        upgrades.incrementAndGet();
        if (!"graphql-transport-ws".equals(request.getHeader("Sec-WebSocket-Protocol"))) {
            return new MockResponse().setResponseCode(400).setBody("unsupported sub-protocol");
        }
        boolean headerAuth = fake.graphQl().auth(request) != null;
        return new MockResponse().setHeader("Sec-WebSocket-Protocol", "graphql-transport-ws")
                .withWebSocketUpgrade(new Session(headerAuth));
    }

    void close() {
        players.shutdownNow();
    }

    /** One client's socket. */
    private final class Session extends WebSocketListener {
        private final boolean headerAuth;
        private volatile boolean authorized;

        Session(boolean headerAuth) {
            this.headerAuth = headerAuth;
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            JsonNode m;
            try {
                m = Json.MAPPER.readTree(text);
            } catch (IOException e) {
                ws.close(4400, "not JSON");
                return;
            }
            switch (m.path("type").asText()) {
                case "connection_init":
                    String bearer = m.path("payload").path("Authorization").asText("");
                    authorized = headerAuth || ("Bearer " + FakeRailway.ACCOUNT_TOKEN).equals(bearer);
                    if (!authorized) {
                        ws.close(4403, "Forbidden");
                        return;
                    }
                    ws.send("{\"type\":\"connection_ack\"}");
                    break;
                case "subscribe":
                    subscribe(ws, m.path("id").asText(), m.path("payload"));
                    break;
                default:
                    break;
            }
        }

        private void subscribe(WebSocket ws, String id, JsonNode payload) {
            String operation = payload.path("operationName").asText();
            JsonNode v = payload.path("variables");
            FakeRailway.Deployment d = fake.deployment(v.path(operation.equals("Deployment") ? "id" : "deploymentId")
                    .asText());
            if (d == null) {
                ws.send(message(id, "error").set("payload", Json.MAPPER.createArrayNode().add(
                        Json.MAPPER.createObjectNode().put("message", "Deployment not found"))).toString());
                return;
            }
            switch (operation) {
                case "Deployment":
                    players.submit(() -> play(ws, id, d));
                    break;
                case "BuildLogs":
                case "DeploymentLogs":
                    boolean build = operation.equals("BuildLogs");
                    if (d.logsBroken) {
                        ws.send(message(id, "error").set("payload", Json.MAPPER.createArrayNode().add(
                                Json.MAPPER.createObjectNode().put("message", "Failed to retrieve build log")))
                                .toString());
                        return;
                    }
                    List<String[]> lines = build ? d.buildLogs : d.deployLogs;
                    ArrayNode rows = FakeRailwayGraphQl.rows(lines, null, v.path("limit").asInt(500));
                    ObjectNode next = message(id, "next");
                    next.putObject("payload").putObject("data").set(build ? "buildLogs" : "deploymentLogs", rows);
                    ws.send(next.toString());
                    if (build) {
                        ws.send(message(id, "complete").toString());
                    }
                    break;
                default:
                    ws.send(message(id, "error").set("payload", Json.MAPPER.createArrayNode().add(
                            Json.MAPPER.createObjectNode().put("message", "Unknown subscription"))).toString());
            }
        }

        /** Pushes every status of the script, one a step apart; stays open after the last, as backboard does. */
        private void play(WebSocket ws, String id, FakeRailway.Deployment d) {
            try {
                while (true) {
                    boolean more = d.moreToPlay();
                    String status = d.nextStatus();
                    ObjectNode next = message(id, "next");
                    next.putObject("payload").putObject("data").putObject("deployment").put("id", d.id)
                            .put("status", status).put("deploymentStopped", false);
                    lastPushNanos = System.nanoTime();
                    if (!ws.send(next.toString()) || !more) {
                        return;
                    }
                    if (toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        ws.close(1001, "going away");
                        return;
                    }
                    Thread.sleep(step.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            ws.close(1000, null);
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            // the client went away
        }
    }

    private static ObjectNode message(String id, String type) {
        return Json.MAPPER.createObjectNode().put("id", id).put("type", type);
    }
}
