package io.jenkins.plugins.deploygates.engine.railway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Railway's address answering as an attacker would: the token must stay home and no answer may exhaust memory or time. */
class RailwayHostileServerTest {
    @TempDir
    Path dir;

    private FakeRailway fake;
    private MockWebServer elsewhere;
    private final VirtualTime time = new VirtualTime();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeRailway();
        elsewhere = new MockWebServer();
        elsewhere.start(InetAddress.getByName("127.0.0.1"), 0);
        Files.writeString(dir.resolve("server.js"), "listen()");
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
        elsewhere.shutdown();
    }

    private RailwayConnection railway(String url) {
        return new RailwayConnection(RailwayEndpoints.of(url), new RailwayToken(RailwayToken.Kind.PROJECT,
                FakeRailway.PROJECT_TOKEN), RailwayEndpoints.httpClient(), time, log::add, Redactor.byShape());
    }

    private DeploymentRecord up(RailwayConnection railway) throws Exception {
        return up(railway, FollowOptions.defaults(), PostDeployChecks.none());
    }

    private DeploymentRecord up(RailwayConnection railway, FollowOptions follow, PostDeployChecks checks)
            throws Exception {
        return new RailwayUp(railway).run(new RailwayUpConfig(dir, null, null, "api", null, List.of(), follow, false,
                checks));
    }

    private MockResponse redirectElsewhere(int code) {
        return new MockResponse().setResponseCode(code).setHeader("Location", elsewhere.url("/graphql/v2"));
    }

    @Test
    void aGraphQlRedirectToAnotherHostIsRefusedAndTheTokenNeverLeaves() {
        fake.inject("ProjectToken", redirectElsewhere(307));

        assertThatThrownBy(() -> up(railway(fake.url()))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("answered with a redirect (HTTP 307) to http://localhost:" + elsewhere.getPort())
                .hasMessageContaining("not followed so the token stays with the address it was given for");
        assertThat(elsewhere.getRequestCount()).isZero();
    }

    @Test
    void anUploadRedirectToAnotherHostIsRefusedAndTheArchiveAndTokenNeverLeave() {
        fake.uploadAnswers(redirectElsewhere(308));

        assertThatThrownBy(() -> up(railway(fake.url()))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("redirect (HTTP 308)");
        assertThat(elsewhere.getRequestCount()).isZero();
    }

    @Test
    void anEnormousGraphQlAnswerIsReadOnlyUpToTheCapAndTheMessageSaysSo() {
        Buffer huge = new Buffer().writeUtf8("{\"data\":{\"projectToken\":\"");
        byte[] chunk = "x".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
        for (long n = 0; n < BoundedBody.GRAPHQL_CAP * 2; n += chunk.length) {
            huge.write(chunk);
        }
        huge.writeUtf8("\"}}");
        elsewhere.enqueue(new MockResponse().setBody(huge));
        RailwayConnection railway = railway(elsewhere.url("/").toString());
        railway.deadline(time.now().plusMillis(500)); // no time for a second try

        assertThatThrownBy(() -> railway.api().projectToken()).isInstanceOf(RailwayApiException.class)
                .hasMessageContaining("larger than 8 MiB, the cap for one answer");
    }

    @Test
    void anEnormousUploadAnswerIsReadOnlyUpToTheCap() throws Exception {
        fake.uploadAnswers(new MockResponse().setBody("{\"deploymentId\":\"" + "d".repeat(200_000) + "\"}"));

        DeploymentRecord record = up(railway(fake.url()));

        assertThat(record.verdict).isEqualTo(Verdict.FAILED);
        assertThat(record.reason).contains("larger than 64 KiB (the cap for it)");
    }

    @Test
    void aVersionEndpointTricklingAByteAtATimeDoesNotHoldTheCheckPastItsDeadline() throws Exception {
        try (ServerSocket trickle = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread server = new Thread(() -> trickle(trickle), "trickle");
            server.setDaemon(true);
            server.start();
            HttpUrl url = HttpUrl.get("http://127.0.0.1:" + trickle.getLocalPort() + "/version");
            RailwayTime clock = RailwayTime.system();
            VersionProbe probe = new VersionProbe(RailwayEndpoints.httpClient(), clock);

            String why = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> probe.await(url, "abc1234", clock.now().plusSeconds(2), Duration.ofSeconds(1)));

            assertThat(why).contains("did not report 'abc1234' before the deadline", "no complete answer before the"
                    + " deadline");
        }
    }

    /**
     * The version the probe waits for comes only after the first 64 KiB of an enormous answer, so it is found only if
     * more than the cap is read.
     */
    @Test
    void aVersionEndpointAnsweringPastItsCapIsSearchedOnlyThatFarAndTheVerdictSaysSo() throws Exception {
        String pastTheCap = "{\"padding\":\"" + "x".repeat((int) BoundedBody.VERSION_CAP) + "\",\"commit\":\"abc1234\"}";
        elsewhere.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
            @Override
            public MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request) {
                return new MockResponse().setBody(pastTheCap);
            }
        });
        FollowOptions follow = new FollowOptions(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ZERO, false,
                false);

        DeploymentRecord record = up(railway(fake.url()), follow,
                new PostDeployChecks(null, null, "abc1234", elsewhere.url("/version").toString()));

        assertThat(elsewhere.getRequestCount()).as("the version endpoint was asked").isPositive();
        assertThat(record.verdict).isEqualTo(Verdict.FAILED);
        assertThat(record.reason).contains("did not report 'abc1234' before the deadline", "Its answer was larger than"
                + " 64 KiB (the cap), and only that much was searched.");
    }

    /**
     * The overall bound of one GraphQL call, from the run's deadline: Railway's address answers at once, then
     * trickles its body a byte a second, which no read timeout ever trips (the "15 s command held for 150 s").
     * What the deadline leaves is under {@link RailwayEndpoints#CALL_TIMEOUT}, so the call ends after a last look's
     * 5 s, not 90 s.
     */
    @Test
    void aGraphQlAnswerTricklingAByteASecondEndsByTheRunsDeadline() throws Exception {
        try (ServerSocket trickle = trickling()) {
            RailwayConnection railway = railway("http://127.0.0.1:" + trickle.getLocalPort());
            railway.deadline(time.now().plusMillis(500));

            Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> catchThrowable(() -> railway.api().projectToken()));

            assertThat(failure).isInstanceOf(RailwayApiException.class).hasMessage("Railway did not answer while"
                    + " finding the project and environment of the project token (no answer in time); it lasted until"
                    + " the time ran out");
        }
    }

    /**
     * The same peer without a deadline close by: the client's own call timeout ends the call, {@link
     * RailwayEndpoints#CALL_TIMEOUT} (90 s) on the production client, here shortened on an injected client so the
     * test does not wait 90 s.
     */
    @Test
    void aGraphQlAnswerTricklingAByteASecondEndsByTheClientsCallTimeout() throws Exception {
        assertThat(RailwayEndpoints.httpClient().callTimeoutMillis()).as("the production bound of one call")
                .isEqualTo(RailwayEndpoints.CALL_TIMEOUT.toMillis()).isEqualTo(Duration.ofSeconds(90).toMillis());
        try (ServerSocket trickle = trickling()) {
            okhttp3.OkHttpClient shortBound = RailwayEndpoints.httpClient().newBuilder()
                    .callTimeout(Duration.ofMillis(300)).build();
            GraphQlClient client = new GraphQlClient(RailwayEndpoints.of("http://127.0.0.1:" + trickle.getLocalPort()),
                    new RailwayToken(RailwayToken.Kind.PROJECT, FakeRailway.PROJECT_TOKEN), shortBound, time);

            Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> catchThrowable(
                    () -> client.call("ProjectToken", RailwayQueries.PROJECT_TOKEN, Map.of(), GraphQlClient.Mode.ONCE)));

            assertThat(failure).isInstanceOf(RailwayApiException.class).hasMessage("Railway did not answer while"
                    + " finding the project and environment of the project token (no answer in time)");
        }
    }

    /** A loopback server that answers every connection with {@link #trickle}. */
    private static ServerSocket trickling() throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        Thread thread = new Thread(() -> trickle(server), "trickle");
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    /** Answers every connection with headers promising a long body, then one byte a second, forever. */
    private static void trickle(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 100_000; i++) {
                    out.write('v');
                    out.flush();
                    Thread.sleep(1000);
                }
            } catch (IOException | InterruptedException e) {
                // the client gave up, or the test ended
            }
        }
    }

    @Test
    void railwaysUrlsInTheRecordAreRedacted() throws Exception {
        fake.uploadAnswers(FakeRailway.json(Json.MAPPER.valueToTree(Map.of("deploymentId", "dep-x",
                "url", "https://railway.com/p?token=" + FakeRailway.PROJECT_TOKEN,
                "logsUrl", "https://railway.com/logs?t=" + FakeRailway.PROJECT_TOKEN,
                "deploymentDomain", "api.up.railway.app"))));
        fake.existing("dep-x", "SUCCESS", false);

        DeploymentRecord record = up(railway(fake.url()));

        assertThat(record.verdict).isEqualTo(Verdict.PASSED);
        assertThat(Json.MAPPER.writeValueAsString(record)).doesNotContain(FakeRailway.PROJECT_TOKEN)
                .contains("https://railway.com/logs?t=****");
    }
}
