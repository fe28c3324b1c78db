package io.jenkins.plugins.deploygates.engine.railway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.io.IOException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Follows a deployment as the Railway CLI does: GraphQL subscriptions over one WebSocket ({@code graphql-transport-ws},
 * the token on the upgrade request as the CLI sends it) for the status and both logs. Railway pushes each change, so
 * a ten-minute deploy costs one upgrade request instead of a request every few seconds, and the verdict comes as soon
 * as the final status does.
 *
 * <p>The JDK's WebSocket hands a message over in parts and reads the next part only when asked, so a message is
 * counted as it arrives: past {@link #MESSAGE_CAP} the connection is dropped before more is read, whatever size the
 * peer announced, and the follower carries on as for any lost subscription. (OkHttp's WebSocket reads a whole message
 * into memory before showing any of it, with no limit.)
 *
 * <p>The client's thread only queues what arrives; the follower's thread prints and decides. The queue is bounded in
 * events and in characters of log lines: a peer flooding log lines loses lines (said once), never the heap, and a
 * status always finds room.
 */
final class DeploymentSubscription implements WebSocket.Listener, ProgressSource {
    static final String PROTOCOL = "graphql-transport-ws";
    /**
     * Characters of one message (a byte each for JSON's ASCII). A {@code next} carries one log batch of at most
     * {@link LogLines#LIMIT} (+1) lines of one kind, half of what a GraphQL answer (both kinds, capped at 8 MiB) may
     * hold: 8 KiB a line, many times Railway's usual line.
     */
    static final long MESSAGE_CAP = 4L * 1024 * 1024;
    /** Characters of log lines waiting for the follower's thread: two messages at the cap. */
    static final long QUEUED_CAP = 2 * MESSAGE_CAP;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    /** As OkHttp's ping interval did: a connection silent this long after a ping is dead. */
    private static final Duration PING_INTERVAL = Duration.ofSeconds(30);
    private static final int QUEUE = 1024;
    private static final int KEPT_BUFFER = 64 * 1024;

    /** What the reader thread hands over: a status, a batch of log lines, or the end of the subscription. */
    private record Event(String status, Boolean build, List<RailwayApi.LogLine> lines, long chars, String problem,
            String lost) {}

    private final RailwayConnection railway;
    private final String deploymentId;
    private final LogLines logs;
    private final Duration pingInterval;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>(QUEUE);
    private final AtomicLong queuedChars = new AtomicLong();
    private final CountDownLatch acknowledged = new CountDownLatch(1);
    /** The message being received, and its size (text and binary parts alike). */
    private StringBuilder message = new StringBuilder();
    private long messageSize;
    private volatile String failure;
    private volatile boolean closing;
    private volatile boolean gone;
    private volatile boolean dropped;
    private volatile boolean heard;
    private volatile WebSocket socket;
    /** The JDK's WebSocket takes one send at a time: each waits for the one before. */
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private DeploymentSubscription(RailwayConnection railway, String deploymentId, LogLines logs,
            Duration pingInterval) {
        this.railway = railway;
        this.deploymentId = deploymentId;
        this.logs = logs;
        this.pingInterval = pingInterval;
    }

    /**
     * Opens the WebSocket and subscribes; waits for Railway's {@code connection_ack} at most 10 s.
     *
     * @throws ProgressSource.SubscriptionLost when it cannot be opened (an upgrade refused or redirected, a proxy
     *     without WebSockets, no acknowledgement), with why
     */
    static DeploymentSubscription open(RailwayConnection railway, String deploymentId, LogLines logs)
            throws InterruptedException {
        return open(railway, deploymentId, logs, PING_INTERVAL);
    }

    /** The same, pinging at {@code pingInterval} (the tests' shorter one). */
    static DeploymentSubscription open(RailwayConnection railway, String deploymentId, LogLines logs,
            Duration pingInterval) throws InterruptedException {
        DeploymentSubscription s = new DeploymentSubscription(railway, deploymentId, logs, pingInterval);
        // The JDK's handshake follows no redirect (and the client is built never to), so the token goes nowhere else.
        WebSocket.Builder builder = railway.token().authorize(railway.webSockets().newWebSocketBuilder())
                .subprotocols(PROTOCOL)
                .header("x-source", RailwayEndpoints.USER_AGENT)
                .header("User-Agent", RailwayEndpoints.USER_AGENT)
                .connectTimeout(ACK_TIMEOUT);
        railway.api().client().countRequest();
        builder.buildAsync(railway.endpoints().subscriptionsUri(), s).whenComplete((ws, e) -> {
            if (e != null) {
                s.lost(handshakeFailure(e));
            } else if (s.closing) {
                ws.abort();
            }
        });
        if (!s.acknowledged.await(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || s.failure != null) {
            s.close();
            throw new SubscriptionLost(s.failure != null ? s.failure : "Railway did not acknowledge it within "
                    + ACK_TIMEOUT.toSeconds() + "s");
        }
        return s;
    }

    private static String handshakeFailure(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof WebSocketHandshakeException) {
            return "the WebSocket upgrade was answered with HTTP "
                    + ((WebSocketHandshakeException) cause).getResponse().statusCode();
        }
        return "the WebSocket failed: " + describe(cause);
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public String next(Instant until) throws InterruptedException {
        while (true) {
            Duration left = Duration.between(railway.time().now(), until);
            Event e = railway.time().poll(events, left.isNegative() ? Duration.ZERO : left);
            if (e == null) {
                return null;
            }
            queuedChars.addAndGet(-e.chars());
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
        WebSocket ws = socket;
        if (ws != null) {
            send(w -> w.sendClose(WebSocket.NORMAL_CLOSURE, "verdict reached")).orTimeout(1, TimeUnit.SECONDS)
                    .whenComplete((r, e) -> ws.abort());
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        send(ws -> ws.sendText("{\"type\":\"connection_init\",\"payload\":{}}", true));
        schedulePing();
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!counted(webSocket, data.length())) {
            return null;
        }
        message.append(data);
        if (last) {
            String text = message.toString();
            message = message.capacity() > KEPT_BUFFER ? new StringBuilder() : message.delete(0, message.length());
            messageSize = 0;
            onMessage(webSocket, text);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        // not the protocol: counted against the cap, otherwise ignored
        if (counted(webSocket, data.remaining())) {
            messageSize = last ? 0 : messageSize;
            webSocket.request(1);
        }
        return null;
    }

    /** Adds a part to the message's size; past the cap, drops the connection and says so (false). */
    private boolean counted(WebSocket webSocket, long size) {
        heard = true;
        messageSize += size;
        if (messageSize <= MESSAGE_CAP) {
            return true;
        }
        message = new StringBuilder();
        lost("Railway's subscription sent a message larger than the " + MESSAGE_CAP / (1024 * 1024)
                + " MiB cap; connection dropped");
        webSocket.abort();
        return false;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer data) {
        heard = true;
        webSocket.request(1); // the JDK answers with a pong itself
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer data) {
        heard = true;
        webSocket.request(1);
        return null;
    }

    /** A ping every interval (30 s); a connection from which nothing came since the last one is lost. */
    private void schedulePing() {
        CompletableFuture.delayedExecutor(pingInterval.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            WebSocket ws = socket;
            if (closing || gone || ws == null) {
                return;
            }
            if (!heard) {
                lost("Railway answered no ping within " + Durations.format(pingInterval));
                ws.abort();
                return;
            }
            heard = false;
            send(w -> w.sendPing(ByteBuffer.allocate(0)));
            schedulePing();
        });
    }

    private void onMessage(WebSocket webSocket, String text) {
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return; // not the protocol: ignore, as the CLI's client does
        }
        String id = parsed.path("id").asText("");
        switch (parsed.path("type").asText("")) {
            case "connection_ack":
                subscribe("status", "Deployment", RailwayQueries.SUBSCRIBE_DEPLOYMENT, Map.of("id", deploymentId));
                Map<String, Object> logVars = Map.of("deploymentId", deploymentId, "filter", "", "limit",
                        LogLines.LIMIT);
                subscribe("build", "BuildLogs", RailwayQueries.SUBSCRIBE_BUILD_LOGS, logVars);
                subscribe("deploy", "DeploymentLogs", RailwayQueries.SUBSCRIBE_DEPLOYMENT_LOGS, logVars);
                acknowledged.countDown();
                break;
            case "next":
                next(id, parsed.path("payload"));
                break;
            case "error":
                ended(id, "Railway answered " + firstMessage(parsed.path("payload")));
                break;
            case "complete":
                ended(id, "Railway ended the status stream before a verdict");
                break;
            case "ping":
                send(ws -> ws.sendText("{\"type\":\"pong\"}", true));
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
                offerStatus(new Event(status, null, null, 0, null, null));
            } else if (payload.path("errors").size() > 0) {
                offerStatus(new Event(null, null, null, 0, null, "Railway answered "
                        + firstMessage(payload.path("errors"))));
            }
            return;
        }
        boolean build = id.equals("build");
        List<RailwayApi.LogLine> lines = new ArrayList<>();
        long chars = 0;
        for (JsonNode r : data.path(build ? "buildLogs" : "deploymentLogs")) {
            RailwayApi.LogLine line = new RailwayApi.LogLine(r.path("timestamp").asText(""),
                    r.path("message").asText(""));
            chars += line.timestamp().length() + line.message().length();
            lines.add(line);
        }
        if (queuedChars.addAndGet(chars) > QUEUED_CAP || !events.offer(new Event(null, build, lines, chars, null,
                null))) {
            queuedChars.addAndGet(-chars);
            dropped = true;
        }
    }

    /** A status or the end always gets in: log lines make room for it. */
    private void offerStatus(Event e) {
        while (!events.offer(e)) {
            Event made = events.poll();
            if (made != null) {
                queuedChars.addAndGet(-made.chars());
            }
            dropped = true;
        }
    }

    private void ended(String id, String why) {
        if (id.equals("status")) {
            offerStatus(new Event(null, null, null, 0, null, why));
        } else if (!why.startsWith("Railway ended")) { // a log stream that completes is a finished build
            events.offer(new Event(null, null, null, 0, why, null));
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int code, String reason) {
        lost("Railway closed the subscription (" + code + (reason == null || reason.isEmpty() ? "" : " " + reason)
                + ")");
        return null; // the JDK then answers the close
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        lost("the WebSocket failed: " + describe(error));
    }

    /** The first reason the subscription ended is the one told; later ones (the abort it caused) are not. */
    private synchronized void lost(String why) {
        if (closing || gone) {
            return;
        }
        gone = true;
        String shown = railway.redactor().redact(why);
        if (acknowledged.getCount() > 0) {
            failure = shown;
            acknowledged.countDown();
        } else {
            offerStatus(new Event(null, null, null, 0, null, shown));
        }
    }

    private void subscribe(String id, String operation, String query, Map<String, Object> vars) {
        ObjectNode m = Json.MAPPER.createObjectNode().put("id", id).put("type", "subscribe");
        m.putObject("payload").put("query", query).put("operationName", operation)
                .set("variables", Json.MAPPER.valueToTree(vars));
        String text = m.toString();
        send(ws -> ws.sendText(text, true));
    }

    /** Sends after every earlier send has completed, successfully or not (a failed one ends the socket anyway). */
    private synchronized CompletableFuture<?> send(Function<WebSocket, CompletableFuture<WebSocket>> message) {
        WebSocket ws = socket;
        sending = sending.handle((r, e) -> null).thenCompose(x -> message.apply(ws));
        return sending;
    }

    private static String firstMessage(JsonNode errors) {
        JsonNode first = errors.isArray() ? errors.path(0) : errors;
        return "\"" + first.path("message").asText(first.toString()) + "\"";
    }
}
