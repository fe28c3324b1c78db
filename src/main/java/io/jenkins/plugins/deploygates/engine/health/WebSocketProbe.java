package io.jenkins.plugins.deploygates.engine.health;

import java.net.http.WebSocket;
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
 */
final class WebSocketProbe {
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
                .exceptionally(e -> ProbeResult.error(ProbeErrors.unwrap(e) instanceof TimeoutException && session.ws != null
                        ? "no message containing '" + target.wsExpect() + "' within " + timeoutMs + "ms"
                        : "WebSocket " + ProbeErrors.describe(e, timeoutMs)));
        return exchanged.thenCompose(r -> {
            long latency = clockMs.getAsLong() - started;
            return r.outcome == Outcome.SUCCESS ? session.hold() .thenApply(h -> h.withLatency(latency))
                    : CompletableFuture.completedFuture(r.withLatency(latency));
        }).whenComplete((r, e) -> session.close());
    }

    /** One connection's listener and state. */
    private final class Session implements WebSocket.Listener {
        private final HealthTarget target;
        private final StringBuilder received = new StringBuilder();
        private final CompletableFuture<Void> expected = new CompletableFuture<>();
        private final CompletableFuture<String> closed = new CompletableFuture<>();
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
            return CompletableFuture.anyOf(expected, closed).thenApply(first -> closed.isDone() && !expected.isDone()
                    ? ProbeResult.failure(101, "closed (" + closed.join() + ") before a message containing '"
                            + target.wsExpect() + "' arrived")
                    : ProbeResult.success(101));
        }

        CompletableFuture<ProbeResult> hold() {
            long holdMs = target.wsHold().toMillis();
            if (holdMs == 0) {
                return CompletableFuture.completedFuture(ProbeResult.success(101));
            }
            CompletableFuture<ProbeResult> held = new CompletableFuture<>();
            runtime.scheduler().schedule(() -> held.complete(ProbeResult.success(101)), holdMs, TimeUnit.MILLISECONDS);
            long start = clockMs.getAsLong();
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
            synchronized (received) {
                received.append(data);
                if (target.wsExpect() != null && received.indexOf(target.wsExpect()) >= 0) {
                    expected.complete(null);
                }
            }
            socket.request(1);
            return null;
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
