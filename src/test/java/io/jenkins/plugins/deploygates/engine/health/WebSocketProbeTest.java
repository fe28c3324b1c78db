package io.jenkins.plugins.deploygates.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.health.FloodingPeers.Frame;
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

/** WebSocket targets against real WebSocket servers on loopback; each test looks at the gate's first probe. */
class WebSocketProbeTest {
    private static final long CEILING_MS = GateRuns.CEILING_MS;

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

    private HealthGateConfig oneProbeAMinute(HealthTarget target, Duration attemptTimeout) {
        return HealthGateConfig.builder().target(target).interval(Duration.ofMinutes(1)).attemptTimeout(attemptTimeout)
                .timeout(Duration.ofMinutes(1)).build();
    }

    /** The verdict of a gate whose first probe passes (which ends it). */
    private Verdict passes(HealthTarget target, Duration attemptTimeout) throws Exception {
        return HealthGate.start(oneProbeAMinute(target, attemptTimeout), runtime, log::add, Redactor.byShape())
                .verdict().get(CEILING_MS, TimeUnit.MILLISECONDS);
    }

    /** The verdict of a gate stopped once its first probe has failed. */
    private Verdict firstProbe(HealthTarget target, Duration attemptTimeout) throws Exception {
        return GateRuns.stoppedAfter(1, oneProbeAMinute(target, attemptTimeout), runtime, log::add);
    }

    @Test
    void anEchoingSocketPassesAndItsLatencyLeavesOutTheHold() throws Exception {
        echoServer(0);

        Verdict v = passes(HealthTarget.builder(wsUrl()).webSocket("ping", "echo: ping", Duration.ofSeconds(3))
                .build(), Duration.ofSeconds(5));

        assertThat(v.isHealthy()).isTrue();
        assertThat(v.getSamples().get(0).getStatus()).isEqualTo(101);
        assertThat(v.getSamples().get(0).getLatencyMs()).isLessThan(3000);
        assertThat(v.getDurationMs()).isGreaterThanOrEqualTo(3000);
    }

    @Test
    void aSocketThatIsDroppedWhenIdleFailsTheHold() throws Exception {
        echoServer(500);

        Verdict v = firstProbe(HealthTarget.builder(wsUrl()).webSocket(null, null, Duration.ofSeconds(20)).build(),
                Duration.ofSeconds(5));

        assertThat(v.isHealthy()).isFalse();
        assertThat(v.getLastFailure().getDetail()).matches("connection dropped after \\d+ms of the 20000ms hold \\(code 1001 idle\\)");
    }

    @Test
    void aMissingReplyFails() throws Exception {
        echoServer(0);

        Verdict v = firstProbe(HealthTarget.builder(wsUrl()).webSocket("ping", "pong", Duration.ZERO).build(),
                Duration.ofMillis(500));

        assertThat(v.getLastFailure().getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(v.getLastFailure().getDetail()).isEqualTo("no message containing 'pong' within 500ms");
    }

    @Test
    void aRefusedUpgradeIsAnError() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(404));

        Verdict v = firstProbe(HealthTarget.builder(wsUrl()).build(), Duration.ofSeconds(5));

        assertThat(v.getLastFailure().getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(v.getLastFailure().getDetail()).startsWith("WebSocket ");
    }

    @Test
    void theExpectedTextIsFoundAcrossTheFragmentsOfOneMessage() throws Exception {
        try (FloodingPeers peers = new FloodingPeers()) {
            String url = peers.webSocketAnswering(new Frame("status: po", false, false), new Frame("ng, all", true, false),
                    new Frame(" good", true, true));

            Verdict v = passes(HealthTarget.builder(url).webSocket("ping", "pong, all good", Duration.ZERO).build(),
                    Duration.ofSeconds(5));

            assertThat(v.isHealthy()).isTrue();
        }
    }

    @Test
    void theExpectedTextMustBeInOneMessageNotSplitOverTwo() throws Exception {
        try (FloodingPeers peers = new FloodingPeers()) {
            String url = peers.webSocketAnswering(new Frame("status: po", false, true), new Frame("ng", false, true));

            Verdict v = firstProbe(HealthTarget.builder(url).webSocket("ping", "pong", Duration.ZERO).build(),
                    Duration.ofSeconds(1));

            assertThat(v.getLastFailure().getDetail()).isEqualTo("no message containing 'pong' within 1000ms");
        }
    }

    @Test
    void aFrameTheClientRefusesIsNamedNotLeftBlank() throws Exception {
        try (FloodingPeers peers = new FloodingPeers()) {
            Verdict v = firstProbe(HealthTarget.builder(peers.webSocketSendingBadText()).webSocket("ping", "pong",
                    Duration.ZERO).build(), Duration.ofSeconds(5));

            assertThat(v.getLastFailure().getDetail()).isEqualTo("closed (HTTP protocol error: Invalid UTF-8 in frame"
                    + " TEXT) before a message containing 'pong' arrived");
        }
    }

    @Test
    void aSocketFloodingDuringTheHoldIsDroppedAtTheCap() throws Exception {
        try (FloodingPeers peers = new FloodingPeers()) {
            Verdict v = firstProbe(HealthTarget.builder(peers.webSocketFlood()).webSocket(null, null,
                    Duration.ofSeconds(50)).build(), Duration.ofSeconds(5));

            assertThat(v.getLastFailure().getOutcome()).isEqualTo(Outcome.FAILURE);
            assertThat(v.getLastFailure().getDetail()).isEqualTo("the peer sent more than 16 MiB of messages during one"
                    + " probe (the cap); connection dropped");
        }
    }

    @Test
    void aSocketFloodingBeforeTheReplyIsDroppedAtTheCap() throws Exception {
        try (FloodingPeers peers = new FloodingPeers()) {
            Verdict v = firstProbe(HealthTarget.builder(peers.webSocketEndlessMessage()).webSocket("ping", "pong",
                    Duration.ZERO).build(), Duration.ofSeconds(50));

            assertThat(v.getLastFailure().getDetail()).isEqualTo("the peer sent more than 16 MiB of messages during one"
                    + " probe (the cap); connection dropped");
        }
    }
}
