package io.jenkins.plugins.deploygates.engine.railway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord.Verdict;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RailwayRollbackTest {
    private FakeRailway fake;
    private final VirtualTime time = new VirtualTime();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeRailway();
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    private DeploymentRecord rollback(String to) throws Exception {
        return rollback(to, PostDeployChecks.none(), FollowOptions.defaults());
    }

    private DeploymentRecord rollback(String to, PostDeployChecks checks, FollowOptions follow) throws Exception {
        RailwayToken token = new RailwayToken(RailwayToken.Kind.ACCOUNT, FakeRailway.ACCOUNT_TOKEN);
        RailwayConnection railway = new RailwayConnection(RailwayEndpoints.of(fake.url()), token,
                RailwayEndpoints.httpClient(), time, log::add, Redactor.byShape());
        return new RailwayRollback(railway).run(new RailwayRollback.Config("shop", "production", "API", to,
                follow, checks));
    }

    @Test
    void rollsBackToTheNewestEarlierDeploymentThatCanBeRestoredAndWaitsForIt() throws Exception {
        fake.existing("dep-a", "REMOVED", true)     // served long ago
                .existing("dep-b", "REMOVED", true) // served until dep-d replaced it
                .existing("dep-c", "REMOVED", false) // cancelled while building: never served
                .existing("dep-d", "CRASHED", false); // the bad one
        fake.next(FakeRailway.script().statuses("INITIALIZING", "DEPLOYING", "SUCCESS"));

        DeploymentRecord record = rollback(null).requirePassed();

        assertThat(fake.calls("DeploymentRollback")).hasSize(1);
        assertThat(fake.calls("DeploymentRollback").get(0).variables().path("id").asText()).isEqualTo("dep-b");
        assertThat(record.rolledBackTo).isEqualTo("dep-b");
        assertThat(record.replacedDeploymentId).isEqualTo("dep-d");
        assertThat(record.deploymentId).isNotIn("dep-a", "dep-b", "dep-c", "dep-d");
        assertThat(record.verdict).isEqualTo(Verdict.PASSED);
        assertThat(record.statuses).extracting(DeploymentRecord.StatusChange::status)
                .containsExactly("INITIALIZING", "DEPLOYING", "SUCCESS");
        assertThat(String.join("\n", log)).contains("Rolling back service 'api' in production of project 'shop' "
                + "from dep-d (CRASHED");
    }

    @Test
    void anAbortWhileWaitingLeavesARecordOfTheRollbackThatGoesOn() throws Exception {
        fake.existing("dep-a", "REMOVED", true).existing("dep-b", "CRASHED", false);
        fake.next(FakeRailway.script().statuses("INITIALIZING", "DEPLOYING"));
        RailwayTime abortedOnTheThirdPause = new RailwayTime() {
            private int pauses;

            @Override
            public java.time.Instant now() {
                return time.now();
            }

            @Override
            public void sleep(java.time.Duration duration) throws InterruptedException {
                if (++pauses == 3) {
                    throw new InterruptedException("sleep interrupted"); // what an aborted build does to the thread
                }
                time.sleep(duration);
            }
        };
        RailwayConnection railway = new RailwayConnection(RailwayEndpoints.of(fake.url()),
                new RailwayToken(RailwayToken.Kind.ACCOUNT, FakeRailway.ACCOUNT_TOKEN), RailwayEndpoints.httpClient(),
                abortedOnTheThirdPause, log::add, Redactor.byShape());

        DeploymentRecord record = org.assertj.core.api.Assertions.catchThrowableOfType(() -> new RailwayRollback(railway)
                .run(new RailwayRollback.Config("shop", "production", "API", null, FollowOptions.defaults(),
                        PostDeployChecks.none())), WaitInterruptedException.class).record();

        assertThat(record.verdict).isEqualTo(Verdict.INTERRUPTED);
        assertThat(record.rolledBackTo).isEqualTo("dep-a");
        assertThat(record.reason).startsWith("Stopped waiting for the rollback to dep-a (deployment " + record.deploymentId)
                .contains("Railway goes on with it");
        assertThat(fake.calls("DeploymentCancel")).as("a rollback is never cancelled").isEmpty();
    }

    @Test
    void explicitTargetIsCheckedAndUsed() throws Exception {
        fake.existing("dep-a", "REMOVED", true).existing("dep-b", "REMOVED", true).existing("dep-c", "SUCCESS", false);
        DeploymentRecord record = rollback("dep-a").requirePassed();
        assertThat(record.rolledBackTo).isEqualTo("dep-a");

        assertThatThrownBy(() -> rollback("dep-c")).isInstanceOf(GateFailedException.class)
                .hasMessageContaining("dep-c (SUCCESS) cannot be rolled back to");
        assertThatThrownBy(() -> rollback("dep-zzz")).isInstanceOf(GateFailedException.class)
                .hasMessageContaining("dep-zzz was not found");
    }

    @Test
    void nothingToRollBackIsAClearFailure() throws Exception {
        fake.existing("dep-a", "REMOVED", false).existing("dep-b", "SUCCESS", false);
        assertThatThrownBy(() -> rollback(null)).isInstanceOf(GateFailedException.class)
                .hasMessageContaining("Nothing to roll back to")
                .hasMessageContaining("before dep-b")
                .hasMessageContaining("retention of 1 to 15 days");
        assertThat(fake.calls("DeploymentRollback")).isEmpty();
    }

    @Test
    void rollbackWriteIsNotRepeatedAfterAServerError() throws Exception {
        fake.existing("dep-a", "REMOVED", true).existing("dep-b", "SUCCESS", false);
        fake.inject("DeploymentRollback", new MockResponse().setResponseCode(502));
        assertThatThrownBy(() -> rollback(null)).isInstanceOf(RailwayApiException.class)
                .hasMessage("Railway did not answer while asking for the rollback (HTTP 502)");
        assertThat(fake.calls("DeploymentRollback")).hasSize(1);
    }

    @Test
    void rollbackRejectedWith429IsSentAgainAfterRetryAfter() throws Exception {
        fake.existing("dep-a", "REMOVED", true).existing("dep-b", "SUCCESS", false);
        fake.inject("DeploymentRollback", new MockResponse().setResponseCode(429).setHeader("Retry-After", "3"));
        assertThat(rollback(null).verdict).isEqualTo(Verdict.PASSED);
        assertThat(fake.calls("DeploymentRollback")).hasSize(2);
    }

    @Test
    void failedRollbackDeploymentFails() throws Exception {
        fake.existing("dep-a", "REMOVED", true).existing("dep-b", "CRASHED", false);
        fake.next(FakeRailway.script().statuses("DEPLOYING", "CRASHED").deployLogs("Error: cannot connect to db"));
        DeploymentRecord record = rollback(null);
        assertThat(record.verdict).isEqualTo(Verdict.FAILED);
        assertThat(String.join("\n", log)).contains("  [deploy] Error: cannot connect to db");
    }

    @Test
    void healthGateAfterTheRollbackDecidesTheVerdict() throws Exception {
        com.sun.net.httpserver.HttpServer app = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/health", x -> {
            x.sendResponseHeaders(503, -1);
            x.close();
        });
        app.start();
        try {
            fake.existing("dep-a", "REMOVED", true).existing("dep-b", "CRASHED", false);
            String url = "http://127.0.0.1:" + app.getAddress().getPort() + "/health";
            DeploymentRecord record = rollback(null, new PostDeployChecks(url, java.time.Duration.ofMillis(200), null,
                    null), new FollowOptions(java.time.Duration.ofMinutes(5), java.time.Duration.ofMillis(50),
                    java.time.Duration.ZERO, false, false));
            assertThat(record.status).isEqualTo("SUCCESS");
            assertThat(record.verdict).isEqualTo(Verdict.FAILED);
            assertThat(record.reason).contains("health check failed", "HTTP 503");
        } finally {
            app.stop(0);
        }
    }

    @Test
    void toADeploymentOfAnotherServiceIsRefusedBeforeAnythingIsRolledBack() {
        fake.existing("dep-a", "REMOVED", true).existing("dep-b", "SUCCESS", false)
                .existingOf("dep-worker", "svc-worker", FakeRailway.ENV_ID);

        assertThatThrownBy(() -> rollback("dep-worker")).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("to: deployment dep-worker belongs to another service or environment, not"
                        + " service 'api' in production of project 'shop'");
        assertThat(fake.calls("DeploymentRollback")).isEmpty();
    }

    @Test
    void toADeploymentOfAnotherEnvironmentIsRefused() {
        fake.existing("dep-b", "SUCCESS", false).existingOf("dep-staging", FakeRailway.SERVICE_ID,
                FakeRailway.STAGING_ID);

        assertThatThrownBy(() -> rollback("dep-staging")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("belongs to another service or environment");
        assertThat(fake.calls("DeploymentRollback")).isEmpty();
    }
}
