package io.jenkins.plugins.deploygates.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The Chrome DevTools protocol over the JDK's own WebSocket client: commands answered by id, events kept in the
 * order they arrived so a test can wait for one (bounded) or read all of them afterwards. One browser-level
 * connection; page commands carry the session id of the attached page ("flat" sessions).
 */
final class DevToolsConnection implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Generous: the machine running the tests may be busy; a healthy browser answers in milliseconds. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();

    private DevToolsConnection(URI endpoint) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(ANSWER_WITHIN)
                .buildAsync(endpoint, new Receiver()).orTimeout(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS).join();
    }

    static DevToolsConnection open(URI endpoint) {
        return new DevToolsConnection(endpoint);
    }

    /** A browser-level command. */
    JsonNode send(String method, Map<String, ?> params) {
        return send(null, method, params);
    }

    /** A command to the page attached as {@code session}; its {@code result}, or an AssertionError with the error. */
    JsonNode send(String session, String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(message.toString(), true).join();
        JsonNode reply = answer.orTimeout(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS).join();
        if (reply.has("error")) {
            throw new AssertionError(method + " failed in chromium: " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** The first event (already received or still to come) that matches, within {@link #ANSWER_WITHIN}. */
    JsonNode await(Predicate<JsonNode> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
        synchronized (events) {
            int seen = 0;
            while (true) {
                for (; seen < events.size(); seen++) {
                    if (wanted.test(events.get(seen))) {
                        return events.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("chromium did not report " + what + " within " + ANSWER_WITHIN.toSeconds() + " s");
                }
                TimeUnit.NANOSECONDS.timedWait(events, left);
            }
        }
    }

    /** Every event received so far, in order. */
    List<JsonNode> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** Reassembles fragmented messages (a screenshot arrives in many) and routes answers and events. */
    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                dispatch(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void dispatch(String text) {
            JsonNode message;
            try {
                message = JSON.readTree(text);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("chromium sent something that is not JSON", e);
            }
            if (message.has("id")) {
                CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
                if (answer != null) {
                    answer.complete(message);
                }
                return;
            }
            synchronized (events) {
                events.add(message);
                events.notifyAll();
            }
        }
    }
}
