package io.jenkins.plugins.deploygates.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WebSocket targets against a real WebSocket server on loopback. */
class WebSocketProbeTest {
    private final GateRuntime runtime = GateRuntime.create();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
        runtime.close();
        timers.shutdownNow();
    }

    private String wsUrl() {
        return "ws://127.0.0.1:" + server.getPort() + "/socket";
    }

    private void echoServer(long closeWhenIdleMs) {
        for (int i = 0; i < 10; i++) {
            server.enqueue(new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
                @Override
                public void onOpen(WebSocket ws, Response response) {
                    if (closeWhenIdleMs > 0) {
                        timers.schedule(() -> ws.close(1001, "idle"), closeWhenIdleMs, TimeUnit.MILLISECONDS);
                    }
                }

                @Override
                public void onClosing(WebSocket ws, int code, String reason) {
                    ws.close(code, null);
                }

                @Override
                public void onMessage(WebSocket ws, String text) {
                    ws.send("echo: " + text);
                }
            }));
        }
    }

    private Verdict probe(HealthTarget target, Duration timeout) throws Exception {
        return HealthGate.run(HealthGateConfig.builder().target(target).interval(Duration.ofMillis(50))
                .attemptTimeout(Duration.ofMillis(500)).timeout(timeout).build(), runtime, log::add, Redactor.byShape());
    }

    @Test
    void anEchoingSocketPasses() throws Exception {
        echoServer(0);

        Verdict v = probe(HealthTarget.builder(wsUrl()).webSocket("ping", "echo: ping", Duration.ofMillis(300)).build(),
                Duration.ofSeconds(2));

        assertThat(v.isHealthy()).isTrue();
        assertThat(v.getSamples().get(0).getStatus()).isEqualTo(101);
        assertThat(v.getSamples().get(0).getLatencyMs()).isLessThan(300);
    }

    @Test
    void aSocketThatIsDroppedWhenIdleFailsTheHold() throws Exception {
        echoServer(2000);

        Verdict v = probe(HealthTarget.builder(wsUrl()).webSocket(null, null, Duration.ofMillis(2500)).build(),
                Duration.ofMillis(100));

        assertThat(v.isHealthy()).isFalse();
        assertThat(v.getLastFailure().getDetail()).matches("connection dropped after \\d+ms of the 2500ms hold \\(code 1001 idle\\)");
    }

    @Test
    void aMissingReplyFails() throws Exception {
        echoServer(0);

        Verdict v = probe(HealthTarget.builder(wsUrl()).webSocket("ping", "pong", Duration.ZERO).build(),
                Duration.ofMillis(100));

        assertThat(v.getLastFailure().getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(v.getLastFailure().getDetail()).isEqualTo("no message containing 'pong' within 500ms");
    }

    @Test
    void aRefusedUpgradeIsAnError() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(404));

        Verdict v = probe(HealthTarget.builder(wsUrl()).build(), Duration.ofMillis(50));

        assertThat(v.getLastFailure().getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(v.getLastFailure().getDetail()).startsWith("WebSocket ");
    }
}
