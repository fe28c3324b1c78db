package io.jenkins.plugins.deploygates.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.health.GateRuns;
import io.jenkins.plugins.deploygates.engine.health.GateRuntime;
import io.jenkins.plugins.deploygates.engine.health.HealthGate;
import io.jenkins.plugins.deploygates.engine.health.HealthGateSpec;
import io.jenkins.plugins.deploygates.engine.health.Outcome;
import io.jenkins.plugins.deploygates.engine.health.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Health endpoints that misbehave at the socket level. Each fault must end with the right verdict, a clear reason
 * and in bounded time; the last test prints the suite's summary line.
 */
class HealthFaultsTest {
    private static final List<String> TRIED = new CopyOnWriteArrayList<>();
    private final GateRuntime runtime = GateRuntime.create();
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private final List<ServerSocket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        runtime.close();
        for (ServerSocket s : sockets) {
            s.close();
        }
        serverThreads.shutdownNow();
    }

    @AfterAll
    static void summary() {
        System.out.println("fault suite (health): " + TRIED.size() + " faults tried: " + String.join(", ", TRIED));
    }

    /** A raw TCP server whose every connection is handled by {@code handler}. */
    private String rawServer(SocketHandler handler) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        sockets.add(server);
        serverThreads.submit(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    serverThreads.submit(() -> {
                        try (s) {
                            handler.handle(s);
                        } catch (Exception e) {
                            // The client gave up on this connection, which is what these faults provoke.
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return "http://127.0.0.1:" + server.getLocalPort() + "/health";
    }

    interface SocketHandler {
        void handle(Socket socket) throws Exception;
    }

    private static HealthGateSpec gate(String url, String attemptTimeout) {
        return new HealthGateSpec().url(url).interval("1m").attemptTimeout(attemptTimeout).timeout("2m")
                .expectJson(List.of("$.status == \"ok\""));
    }

    /** The gate's verdict once its first probe has failed (the fault is what the test looks at, not the timeout). */
    private Verdict firstFailure(String url, String attemptTimeout) throws Exception {
        return GateRuns.stoppedAfter(1, gate(url, attemptTimeout).toConfig(), runtime, t -> { });
    }

    @Test
    void anEndpointThatStallsIsAnErrorBoundedByTheAttemptTimeout() throws Exception {
        String url = rawServer(s -> Thread.sleep(60_000));

        Verdict v = firstFailure(url, "300ms");

        TRIED.add("stall");
        assertThat(v.isHealthy()).isFalse();
        assertThat(v.getLastFailure().getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(v.getReason()).endsWith("timed out after 300ms");
        assertThat(v.getLastFailure().getLatencyMs()).as("not the server's 60s").isBetween(300L, GateRuns.CEILING_MS);
    }

    @Test
    void anEndpointThatResetsTheConnectionIsAnError() throws Exception {
        String url = rawServer(s -> {
            s.setSoLinger(true, 0);
            s.getInputStream().read();
            s.close();
        });

        Verdict v = firstFailure(url, "5s");

        TRIED.add("reset");
        assertThat(v.getLastFailure().getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(v.getLastFailure().getDetail()).startsWith("connection reset or closed");
    }

    @Test
    void anEndpointThatSendsAGigabyteCostsOneMebibyte() throws Exception {
        AtomicLong sent = new AtomicLong();
        String url = rawServer(s -> {
            s.getInputStream().read(new byte[4096]);
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (long n = 0; n < 1024L * 1024 * 1024; n += chunk.length) {
                out.write(chunk);
                sent.addAndGet(chunk.length);
            }
        });

        Verdict v = firstFailure(url, "30s");

        TRIED.add("1 GB body");
        assertThat(v.getSamples().get(0).getOutcome()).isEqualTo(Outcome.FAILURE);
        assertThat(v.getSamples().get(0).getDetail()).isEqualTo("body is larger than 1024 KiB (limit 1 MiB)");
        Thread.sleep(200);
        assertThat(sent.get()).as("the server stopped being read soon after the limit").isLessThan(64L * 1024 * 1024);
    }

    @Test
    void invalidUtf8IsReadWithoutCrashingAndJudgedOnWhatItSays() throws Exception {
        byte[] body = "{\"status\":\"ok\",\"note\":\"\u0000\"}".getBytes(StandardCharsets.UTF_8);
        body[body.length - 3] = (byte) 0xC3;
        String url = rawServer(s -> {
            s.getInputStream().read(new byte[4096]);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        });

        Verdict v = HealthGate.run(gate(url, "5s").toConfig(), runtime, t -> { }, Redactor.byShape());

        TRIED.add("invalid UTF-8");
        assertThat(v.isHealthy()).isTrue();
    }

    @Test
    void aSelfSignedCertificateIsATlsError() throws Exception {
        HeldCertificate selfSigned = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
        HandshakeCertificates serverCerts = new HandshakeCertificates.Builder().heldCertificate(selfSigned).build();
        try (MockWebServer server = new MockWebServer()) {
            server.useHttps(serverCerts.sslSocketFactory(), false);
            for (int i = 0; i < 20; i++) {
                server.enqueue(new MockResponse().setBody("{\"status\":\"ok\"}"));
            }
            server.start(InetAddress.getLoopbackAddress(), 0);

            // A generous attempt timeout: the handshake itself must be what fails, not the clock.
            Verdict v = firstFailure("https://127.0.0.1:" + server.getPort() + "/health", "5s");

            TRIED.add("self-signed certificate");
            assertThat(v.getLastFailure().getOutcome()).isEqualTo(Outcome.ERROR);
            assertThat(v.getLastFailure().getDetail()).startsWith("TLS failed: ");
        }
    }
}
