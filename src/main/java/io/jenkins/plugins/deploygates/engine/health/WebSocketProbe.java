package io.jenkins.plugins.deploygates.engine.health;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Probes a ws(s) target: connect, optionally send one message and expect a reply containing some text, then keep
 * the connection open for the hold time. Latency is the time to connect and exchange, not the hold.
 *
 * <p>Nothing a peer sends is kept beyond what finding the expected text needs (its length, within one message), and
 * one probe reads at most {@link #MAX_RECEIVED} characters of messages: a peer that floods the connection fails the
 * probe, saying so, instead of filling the controller's memory or keeping its threads busy.
 */
final class WebSocketProbe {
    /** Characters (text) and bytes (binary) of messages one probe reads, exchange and hold together. */
    static final long MAX_RECEIVED = 16L * 1024 * 1024;

    private final GateRuntime runtime;
    private final LongSupplier clockMs;

    WebSocketProbe(GateRuntime runtime, LongSupplier clockMs) {
        this.runtime = runtime;
        this.clockMs = clockMs;
    }

    CompletableFuture<ProbeResult> probe(HealthTarget target, Duration attemptTimeout) {
        long started = clockMs.getAsLong();
        Session session = new Session(target);
        WebSocket.Builder builder = runtime.http().newWebSocketBuilder().connectTimeout(attemptTimeout);
        for (Map.Entry<String, String> h : target.headers().entrySet()) {
            builder.header(h.getKey(), h.getValue());
        }
        long timeoutMs = attemptTimeout.toMillis();
        CompletableFuture<ProbeResult> exchanged = builder.buildAsync(target.url(), session)
                .thenCompose(ws -> session.exchange(ws))
                .orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .exceptionally(e -> timedOutOrFailed(target, session, e, timeoutMs));
        return exchanged.thenCompose(r -> {
            long latency = clockMs.getAsLong() - started;
            return r.outcome == Outcome.SUCCESS ? session.hold() .thenApply(h -> h.withLatency(latency))
                    : CompletableFuture.completedFuture(r.withLatency(latency));
        }).whenComplete((r, e) -> session.close());
    }

    private static ProbeResult timedOutOrFailed(HealthTarget target, Session session, Throwable e, long timeoutMs) {
        if (!(ProbeErrors.unwrap(e) instanceof TimeoutException)) {
            return ProbeResult.error("WebSocket " + ProbeErrors.describe(e, timeoutMs));
        }
        return ProbeResult.timedOut(session.ws != null
                ? "no message containing '" + target.wsExpect() + "' within " + timeoutMs + "ms"
                : "WebSocket " + ProbeErrors.describe(e, timeoutMs));
    }

    /** One connection's listener and state. */
    private final class Session implements WebSocket.Listener {
        private final HealthTarget target;
        /** The end of the current message, as long as the expected text could straddle two of its parts. */
        private final StringBuilder window = new StringBuilder();
        private long received;
        private final CompletableFuture<Void> expected = new CompletableFuture<>();
        private final CompletableFuture<String> closed = new CompletableFuture<>();
        private final CompletableFuture<ProbeResult> flooded = new CompletableFuture<>();
        private volatile WebSocket ws;

        Session(HealthTarget target) {
            this.target = target;
        }

        CompletableFuture<ProbeResult> exchange(WebSocket socket) {
            this.ws = socket;
            if (target.wsSend() != null) {
                socket.sendText(target.wsSend(), true);
            }
            if (target.wsExpect() == null) {
                return CompletableFuture.completedFuture(ProbeResult.success(101));
            }
            return CompletableFuture.anyOf(expected, closed, flooded).thenApply(first -> {
                if (expected.isDone()) {
                    return ProbeResult.success(101);
                }
                return flooded.isDone() ? flooded.join() : ProbeResult.failure(101, "closed (" + closed.join()
                        + ") before a message containing '" + target.wsExpect() + "' arrived");
            });
        }

        CompletableFuture<ProbeResult> hold() {
            long holdMs = target.wsHold().toMillis();
            if (holdMs == 0) {
                return flooded.isDone() ? flooded : CompletableFuture.completedFuture(ProbeResult.success(101));
            }
            CompletableFuture<ProbeResult> held = new CompletableFuture<>();
            runtime.scheduler().schedule(() -> held.complete(ProbeResult.success(101)), holdMs, TimeUnit.MILLISECONDS);
            long start = clockMs.getAsLong();
            flooded.thenAccept(held::complete);
            closed.thenAccept(why -> held.complete(ProbeResult.failure(101, "connection dropped after "
                    + (clockMs.getAsLong() - start) + "ms of the " + holdMs + "ms hold (" + why + ")")));
            return held;
        }

        void close() {
            WebSocket socket = ws;
            if (socket != null && !socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "probe done").exceptionally(e -> null);
            }
            if (socket != null) {
                runtime.scheduler().schedule(socket::abort, 1, TimeUnit.SECONDS);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            if (counted(socket, data.length())) {
                look(data, last);
                socket.request(1);
            }
            return null;
        }

        /** Looks for the expected text in this part of a message, keeping only the tail it could still start in. */
        private void look(CharSequence data, boolean last) {
            String wanted = target.wsExpect();
            if (wanted == null || expected.isDone()) {
                return;
            }
            window.append(data);
            if (window.indexOf(wanted) >= 0) {
                expected.complete(null);
            }
            if (last) {
                window.setLength(0);
            } else if (window.length() >= wanted.length()) {
                window.delete(0, window.length() - wanted.length() + 1);
            }
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            if (counted(socket, data.remaining())) {
                socket.request(1);
            }
            return null;
        }

        /** Adds to what the peer sent; past the cap, fails the probe and drops the connection (false). */
        private boolean counted(WebSocket socket, long size) {
            received += size;
            if (received <= MAX_RECEIVED) {
                return true;
            }
            flooded.complete(ProbeResult.failure(101, "the peer sent more than " + MAX_RECEIVED / (1024 * 1024)
                    + " MiB of messages during one probe (the cap); connection dropped"));
            socket.abort();
            return false;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete("code " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.complete(ProbeErrors.describe(error, 0));
        }
    }
}
