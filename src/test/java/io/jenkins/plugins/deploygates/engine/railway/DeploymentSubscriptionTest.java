package io.jenkins.plugins.deploygates.engine.railway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord.Verdict;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * What Railway's subscription reads from the peer at Railway's address: one message at most
 * {@link DeploymentSubscription#MESSAGE_CAP}, whatever the peer announces; past it the connection is dropped, the
 * console says why, and the follower carries on as for any lost subscription (opened again, then polling).
 */
class DeploymentSubscriptionTest {
    private static final String CAP_HIT = "Railway's subscription sent a message larger than the 4 MiB cap;"
            + " connection dropped";

    private final List<String> log = new CopyOnWriteArrayList<>();

    private DeploymentRecord follow(String url) throws Exception {
        return follow(connection(url));
    }

    private DeploymentSubscription subscribe(String url, Duration pingInterval) throws InterruptedException {
        return DeploymentSubscription.open(connection(url), HostileRailway.DEPLOYMENT_ID, new LogLines(log::add),
                pingInterval);
    }

    private RailwayConnection connection(String url) {
        return new RailwayConnection(RailwayEndpoints.of(url), new RailwayToken(RailwayToken.Kind.PROJECT,
                FakeRailway.PROJECT_TOKEN), RailwayEndpoints.httpClient(), RailwayTime.system(), log::add,
                Redactor.byShape());
    }

    /** Follows {@link HostileRailway#DEPLOYMENT_ID} for at most 60 s; the subscription's peers answer sooner. */
    static DeploymentRecord follow(RailwayConnection railway) throws InterruptedException {
        DeploymentRecord record = new DeploymentRecord("up", railway.time().now());
        record.deploymentId = HostileRailway.DEPLOYMENT_ID;
        new DeploymentFollower(railway, new FollowOptions(Duration.ofSeconds(60), Duration.ofMillis(200),
                Duration.ZERO, false, false)).follow(record, railway.time().now());
        return record;
    }

    private String logText() {
        return String.join("\n", railwayLines());
    }

    /** The follower's own lines, without the log lines a hostile peer may have made enormous. */
    private List<String> railwayLines() {
        return log.stream().filter(l -> l.startsWith("[railway]")).collect(java.util.stream.Collectors.toList());
    }

    @Test
    void aMessageJustPastTheCapDropsTheConnectionAndTheFollowerEndsByPolling() throws Exception {
        String pastTheCap = HostileRailway.deployLogs(List.of("x".repeat((int) DeploymentSubscription.MESSAGE_CAP)));
        try (HostileRailway railway = HostileRailway.sending(pastTheCap, HostileRailway.status("SUCCESS"))) {
            DeploymentRecord record = follow(railway.url());

            assertThat(record.verdict).as(logText()).isEqualTo(Verdict.PASSED);
            assertThat(railwayLines()).as("each time it is opened, then polling brings the verdict")
                    .filteredOn(l -> l.equals("[railway] The subscription to deployment dep-hostile ended (" + CAP_HIT
                            + ")."))
                    .hasSize(3);
            assertThat(railway.upgrades()).as("opened, then opened again twice, as any lost subscription").hasSize(3);
            assertThat(log.stream().filter(l -> l.startsWith("[deploy] xxx")).count()).isZero();
        }
    }

    @Test
    void aLogBatchOfFiveHundredLongLinesJustUnderTheCapIsPrinted() throws Exception {
        int lineLength = (int) (DeploymentSubscription.MESSAGE_CAP - 64 * 1024) / LogLines.LIMIT;
        List<String> lines = Collections.nCopies(LogLines.LIMIT, "y".repeat(lineLength));
        String batch = HostileRailway.deployLogs(lines);
        assertThat((long) batch.length()).isBetween(DeploymentSubscription.MESSAGE_CAP - 64 * 1024,
                DeploymentSubscription.MESSAGE_CAP);
        try (HostileRailway railway = HostileRailway.sending(batch, HostileRailway.status("SUCCESS"))) {
            DeploymentRecord record = follow(railway.url());

            assertThat(record.verdict).as(logText()).isEqualTo(Verdict.PASSED);
            assertThat(railwayLines()).contains("[railway] Following deployment dep-hostile over a subscription.")
                    .noneMatch(l -> l.contains("cap") || l.contains("polling"));
            assertThat(log.stream().filter(l -> l.startsWith("[deploy] yyy")).count()).isEqualTo(LogLines.LIMIT);
            assertThat(railway.upgrades()).hasSize(1);
        }
    }

    /** Railway may acknowledge in the same packet as its 101; the messages that come with it are not lost. */
    @Test
    void smallMessagesInTheSameWriteAsTheHandshakeAreRead() throws Exception {
        for (int run = 0; run < 20; run++) {
            log.clear();
            try (HostileRailway railway = HostileRailway.sendingWithTheHandshake(
                    HostileRailway.deployLogs(List.of("listening on 8080")), HostileRailway.status("SUCCESS"))) {
                DeploymentRecord record = follow(railway.url());

                assertThat(record.verdict).as(logText()).isEqualTo(Verdict.PASSED);
                assertThat(log).as("run %d", run).contains("[railway] Following deployment dep-hostile over a"
                        + " subscription.", "[deploy] listening on 8080", "[railway] Deployment dep-hostile is SUCCESS.")
                        .noneMatch(l -> l.contains("polling"));
            }
        }
    }

    @Test
    void theTokenTravelsOnTheUpgradeAsTheCliSendsItWithTheSubProtocol() throws Exception {
        try (HostileRailway railway = HostileRailway.sending(HostileRailway.status("SUCCESS"))) {
            assertThat(follow(railway.url()).verdict).as(logText()).isEqualTo(Verdict.PASSED);

            String head = railway.upgrades().get(0).toLowerCase(java.util.Locale.ROOT);
            assertThat(head).startsWith("get /graphql/v2 ")
                    .contains("project-access-token: " + FakeRailway.PROJECT_TOKEN.toLowerCase(java.util.Locale.ROOT),
                            "sec-websocket-protocol: graphql-transport-ws", "x-source: deploy-gates/",
                            "user-agent: deploy-gates/")
                    .doesNotContain("authorization:");
        }
    }

    /** A connection that acknowledged and then went silent, answering no ping, is lost after two intervals. */
    @Test
    void aConnectionThatAnswersNoPingIsLost() throws Exception {
        try (HostileRailway railway = HostileRailway.sending()) { // its raw socket answers no ping
            try (DeploymentSubscription subscription = subscribe(railway.url(), Duration.ofMillis(200))) {
                assertThatThrownBy(() -> subscription.next(Instant.now().plusSeconds(30)))
                        .isInstanceOf(ProgressSource.SubscriptionLost.class)
                        .hasMessage("Railway answered no ping within 200ms");
            }
        }
    }

    /** A peer that says nothing but answers each ping (OkHttp's server does) keeps the subscription. */
    @Test
    void aQuietConnectionThatAnswersPingsStaysOpen() throws Exception {
        MockWebServer server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        server.enqueue(new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onMessage(WebSocket webSocket, String text) {
                if (text.contains("connection_init")) {
                    webSocket.send(HostileRailway.ACK);
                }
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                webSocket.close(code, null);
            }
        }));
        try (DeploymentSubscription subscription = subscribe(server.url("/").toString(), Duration.ofMillis(500))) {
            assertThat(subscription.next(Instant.now().plusMillis(2_600))).as("five pings answered, no status")
                    .isNull();
        } finally {
            server.shutdown();
        }
    }

    /** A redirect of the upgrade is not followed: the token never reaches the other address, and polling takes over. */
    @Test
    void anUpgradeRedirectedToAnotherHostIsNotFollowedAndTheTokenStaysHome() throws Exception {
        MockWebServer elsewhere = new MockWebServer();
        elsewhere.start(InetAddress.getByName("127.0.0.1"), 0);
        try (FakeRailway fake = new FakeRailway()) {
            fake.withSubscriptions().upgradeAnswers(new MockResponse().setResponseCode(307)
                    .setHeader("Location", elsewhere.url("/graphql/v2").toString().replace("http:", "ws:")));
            fake.existing(HostileRailway.DEPLOYMENT_ID, "SUCCESS", false);

            DeploymentRecord record = follow(fake.url());

            assertThat(record.verdict).as(logText()).isEqualTo(Verdict.PASSED);
            assertThat(logText()).contains("by polling every 200ms or slower: the subscription could not be opened"
                    + " (the WebSocket upgrade was answered with HTTP 307)");
            assertThat(elsewhere.getRequestCount()).isZero();
        } finally {
            elsewhere.shutdown();
        }
    }
}
