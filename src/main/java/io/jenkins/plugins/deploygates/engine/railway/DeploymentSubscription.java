package io.jenkins.plugins.deploygates.engine.railway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * Follows a deployment as the Railway CLI does: GraphQL subscriptions over one WebSocket ({@code graphql-transport-ws},
 * OkHttp's WebSocket, the token on the upgrade request as the CLI sends it) for the status and both logs. Railway
 * pushes each change, so a ten-minute deploy costs one upgrade request instead of a request every few seconds, and
 * the verdict comes as soon as the final status does.
 *
 * <p>OkHttp's reader thread only queues what arrives; the follower's thread prints and decides. The queue is bounded:
 * a peer flooding log lines loses lines (said once), never the heap, and a status always finds room.
 */
final class DeploymentSubscription extends WebSocketListener implements ProgressSource {
    static final String PROTOCOL = "graphql-transport-ws";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    private static final int QUEUE = 1024;

    /** What the reader thread hands over: a status, a batch of log lines, or the end of the subscription. */
    private record Event(String status, Boolean build, List<RailwayApi.LogLine> lines, String problem, String lost) {}

    private final RailwayConnection railway;
    private final String deploymentId;
    private final LogLines logs;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>(QUEUE);
    private final CountDownLatch acknowledged = new CountDownLatch(1);
    private volatile String failure;
    private volatile boolean closing;
    private volatile boolean dropped;
    private WebSocket socket;

    private DeploymentSubscription(RailwayConnection railway, String deploymentId, LogLines logs) {
        this.railway = railway;
        this.deploymentId = deploymentId;
        this.logs = logs;
    }

    /**
     * Opens the WebSocket and subscribes; waits for Railway's {@code connection_ack} at most 10 s.
     *
     * @throws ProgressSource.SubscriptionLost when it cannot be opened (an upgrade refused, a proxy without
     *     WebSockets, no acknowledgement), with why
     */
    static DeploymentSubscription open(RailwayConnection railway, String deploymentId, LogLines logs)
            throws InterruptedException {
        DeploymentSubscription s = new DeploymentSubscription(railway, deploymentId, logs);
        Request request = railway.token().authorize(new Request.Builder().url(railway.endpoints().subscriptions()))
                .header("Sec-WebSocket-Protocol", PROTOCOL)
                .header("x-source", RailwayEndpoints.USER_AGENT)
                .header("User-Agent", RailwayEndpoints.USER_AGENT)
                .build();
        railway.api().client().countRequest();
        s.socket = railway.http().newWebSocket(request, s);
        if (!s.acknowledged.await(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || s.failure != null) {
            s.close();
            throw new SubscriptionLost(s.failure != null ? s.failure : "Railway did not acknowledge it within "
                    + ACK_TIMEOUT.toSeconds() + "s");
        }
        return s;
    }

    @Override
    public String next(Instant until) throws InterruptedException {
        while (true) {
            Duration left = Duration.between(railway.time().now(), until);
            Event e = railway.time().poll(events, left.isNegative() ? Duration.ZERO : left);
            if (e == null) {
                return null;
            }
            if (e.lost() != null) {
                throw new SubscriptionLost(e.lost());
            }
            if (e.lines() != null) {
                logs.print(e.build(), e.lines());
            } else if (e.problem() != null) {
                logs.unavailable(e.problem());
            } else if (e.status() != null) {
                if (dropped) {
                    dropped = false;
                    logs.unavailable("log lines came faster than they could be printed, and some were dropped");
                }
                return e.status();
            }
        }
    }

    @Override
    public String describe() {
        return "subscription";
    }

    @Override
    public void close() {
        closing = true;
        if (socket != null) {
            socket.close(1000, "verdict reached");
            socket.cancel();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        webSocket.send("{\"type\":\"connection_init\",\"payload\":{}}");
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return; // not the protocol: ignore, as the CLI's client does
        }
        String id = message.path("id").asText("");
        switch (message.path("type").asText("")) {
            case "connection_ack":
                subscribe(webSocket, "status", "Deployment", RailwayQueries.SUBSCRIBE_DEPLOYMENT, Map.of("id",
                        deploymentId));
                Map<String, Object> logVars = Map.of("deploymentId", deploymentId, "filter", "", "limit",
                        LogLines.LIMIT);
                subscribe(webSocket, "build", "BuildLogs", RailwayQueries.SUBSCRIBE_BUILD_LOGS, logVars);
                subscribe(webSocket, "deploy", "DeploymentLogs", RailwayQueries.SUBSCRIBE_DEPLOYMENT_LOGS, logVars);
                acknowledged.countDown();
                break;
            case "next":
                next(id, message.path("payload"));
                break;
            case "error":
                ended(id, "Railway answered " + firstMessage(message.path("payload")));
                break;
            case "complete":
                ended(id, "Railway ended the status stream before a verdict");
                break;
            case "ping":
                webSocket.send("{\"type\":\"pong\"}");
                break;
            default:
                break;
        }
    }

    private void next(String id, JsonNode payload) {
        JsonNode data = payload.path("data");
        if (id.equals("status")) {
            String status = data.path("deployment").path("status").asText("");
            if (!status.isEmpty()) {
                offerStatus(new Event(status, null, null, null, null));
            } else if (payload.path("errors").size() > 0) {
                offerStatus(new Event(null, null, null, null, "Railway answered "
                        + firstMessage(payload.path("errors"))));
            }
            return;
        }
        boolean build = id.equals("build");
        List<RailwayApi.LogLine> lines = new ArrayList<>();
        for (JsonNode r : data.path(build ? "buildLogs" : "deploymentLogs")) {
            lines.add(new RailwayApi.LogLine(r.path("timestamp").asText(""), r.path("message").asText("")));
        }
        if (!events.offer(new Event(null, build, lines, null, null))) {
            dropped = true;
        }
    }

    /** A status or the end always gets in: log lines make room for it. */
    private void offerStatus(Event e) {
        while (!events.offer(e)) {
            events.poll();
            dropped = true;
        }
    }

    private void ended(String id, String why) {
        if (id.equals("status")) {
            offerStatus(new Event(null, null, null, null, why));
        } else if (!why.startsWith("Railway ended")) { // a log stream that completes is a finished build
            events.offer(new Event(null, null, null, why, null));
        }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        webSocket.close(1000, null);
        lost("Railway closed the subscription (" + code + (reason.isEmpty() ? "" : " " + reason) + ")");
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        lost(response != null ? "the WebSocket upgrade was answered with HTTP " + response.code()
                : "the WebSocket failed: " + t.getMessage());
    }

    private void lost(String why) {
        if (closing) {
            return;
        }
        String shown = railway.redactor().redact(why);
        if (acknowledged.getCount() > 0) {
            failure = shown;
            acknowledged.countDown();
        } else {
            offerStatus(new Event(null, null, null, null, shown));
        }
    }

    private static void subscribe(WebSocket ws, String id, String operation, String query, Map<String, Object> vars) {
        ObjectNode m = Json.MAPPER.createObjectNode().put("id", id).put("type", "subscribe");
        m.putObject("payload").put("query", query).put("operationName", operation)
                .set("variables", Json.MAPPER.valueToTree(vars));
        ws.send(m.toString());
    }

    private static String firstMessage(JsonNode errors) {
        JsonNode first = errors.isArray() ? errors.path(0) : errors;
        return "\"" + first.path("message").asText(first.toString()) + "\"";
    }
}
