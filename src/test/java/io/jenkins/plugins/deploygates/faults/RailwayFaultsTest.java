package io.jenkins.plugins.deploygates.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.cli.CliEnvironment;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.railway.FakeRailway;
import io.jenkins.plugins.deploygates.engine.railway.VirtualTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Railway misbehaving while a deploy waits for its verdict, through the command line and the real GraphQL client
 * against the fake Railway, on a virtual clock (backoffs and Retry-After cost no real time). Each fault must end
 * with the right exit code and one clear sentence, within a bounded time on both clocks, and leave the
 * deployment record behind. Single 429s and 5xx that recover, and a crash after SUCCESS at the engine level, are
 * in RailwayUpTest; here are the ones that last, plus the record and the time.
 */
class RailwayFaultsTest {
    private static final List<String> TRIED = new CopyOnWriteArrayList<>();
    private static final Duration REAL_BOUND = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private FakeRailway fake;
    private final VirtualTime time = new VirtualTime();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeRailway();
        fake.existing("dep-0", "REMOVED", true);
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/index.js"), "listen()");
        CliEnvironment.use(Map.of("RAILWAY_TOKEN", FakeRailway.PROJECT_TOKEN));
        CliEnvironment.railwayTime(time);
    }

    @AfterEach
    void stop() throws Exception {
        CliEnvironment.reset();
        fake.close();
    }

    @AfterAll
    static void summary() {
        System.out.println("fault suite (railway): " + TRIED.size() + " faults tried: " + String.join(", ", TRIED));
    }

    private CliOutcome railway(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--service", "api", "--environment", "production",
                "--api-url", fake.url(), "--poll-interval", "5s", "--report-dir",
                dir.resolve("report").toString()));
        if (command.equals("railway-up")) {
            args.addAll(List.of("--path", dir.resolve("app").toString(), "--path-as-root"));
        }
        args.addAll(List.of(extra));
        if (!args.contains("--timeout")) {
            args.addAll(List.of("--timeout", "20m"));
        }
        return CliOutcome.of(args.toArray(String[]::new));
    }

    private JsonNode record(String file) throws Exception {
        Path path = dir.resolve("report").resolve(file);
        assertThat(path).as("the record is written whatever the verdict").exists();
        return Json.MAPPER.readTree(path.toFile());
    }

    private static MockResponse[] times(int n, MockResponse response) {
        MockResponse[] all = new MockResponse[n];
        java.util.Arrays.fill(all, response);
        return all;
    }

    private void assertFailedWithin(CliOutcome run, Duration virtualBound) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.errIsOneSentence()).as(run.err()).isTrue();
        assertThat(run.took()).isLessThan(REAL_BOUND);
        assertThat(time.elapsed()).isLessThanOrEqualTo(virtualBound);
    }

    @Test
    void rateLimitedLongerThanTheTimeoutFailsWithoutAVerdictSaysItMayStillGoLiveAndKeepsTheRecord() throws Exception {
        MockResponse limited = new MockResponse().setResponseCode(429).setHeader("Retry-After", "30");
        fake.inject("DeploymentProgress", times(10, limited)).inject("DeploymentStatus", times(10, limited));

        CliOutcome run = railway("railway-up", "--timeout", "2m");

        TRIED.add("429 that lasts past the timeout");
        assertFailedWithin(run, Duration.ofMinutes(2));
        assertThat(run.err()).startsWith("railway-up: Could not read the status of deployment dep-2")
                .contains("Railway kept rate-limiting the requests (HTTP 429)", "so there is no verdict",
                        "may still go live", "cancel it there");
        assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(3 * 30));
        JsonNode record = record("railway-deployment.json");
        assertThat(record.path("deploymentId").asText()).isEqualTo("dep-2");
        assertThat(record.path("verdict").asText()).isEqualTo("FAILED");
    }

    @Test
    void aRetryAfterLongerThanTheTimeLeftFailsAtOnce() throws Exception {
        MockResponse hour = new MockResponse().setResponseCode(429).setHeader("Retry-After", "3600");
        fake.inject("DeploymentProgress", hour).inject("DeploymentStatus", hour);

        CliOutcome run = railway("railway-up");

        TRIED.add("429 asking for an hour");
        assertFailedWithin(run, Duration.ofSeconds(1));
        assertThat(run.err()).contains("Railway asks to wait longer than the time left");
        assertThat(record("railway-deployment.json").path("verdict").asText()).isEqualTo("FAILED");
    }

    @Test
    void serverErrorsThatLastUntilTheTimeoutFailWithCappedBackoffAndKeepTheRecord() throws Exception {
        MockResponse down = new MockResponse().setResponseCode(503);
        fake.inject("DeploymentProgress", times(100, down)).inject("DeploymentStatus", times(100, down));

        CliOutcome run = railway("railway-up", "--timeout", "2m");

        TRIED.add("5xx that lasts");
        assertFailedWithin(run, Duration.ofMinutes(2));
        assertThat(run.err()).contains("Could not read the status of deployment dep-2", "HTTP 503",
                "https://railway.com/project/");
        assertThat(fake.calls("DeploymentStatus").size()).as("capped back-off, not a tight loop").isBetween(3, 20);
        assertThat(record("railway-deployment.json").path("statuses").isArray()).isTrue();
    }

    @Test
    void aConnectionDroppedOnceMidWaitIsRetriedAndTheDeployStillPasses() throws Exception {
        fake.next(FakeRailway.script().statuses("BUILDING", "DEPLOYING", "SUCCESS"));
        fake.inject("DeploymentStatus", new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY)
                .setBody("{\"data\":{\"deployment\":{\"status\":\"DEPLOYING\"}}}"));
        fake.inject("DeploymentProgress", new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));

        CliOutcome run = railway("railway-up");

        TRIED.add("connection dropped once mid-wait");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(fake.calls("DeploymentStatus")).as("rounds without logs after the dropped one, one read cut off"
                + " and retried").hasSizeGreaterThanOrEqualTo(2);
        assertThat(run.took()).isLessThan(REAL_BOUND);
        assertThat(record("railway-deployment.json").path("verdict").asText()).isEqualTo("PASSED");
    }

    @Test
    void connectionsThatKeepDroppingMidWaitFailWithoutAVerdictAndKeepTheRecord() throws Exception {
        MockResponse dropped = new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
        fake.inject("DeploymentProgress", times(100, dropped)).inject("DeploymentStatus", times(100, dropped));

        CliOutcome run = railway("railway-up", "--timeout", "2m");

        TRIED.add("connection dropped on every poll");
        assertFailedWithin(run, Duration.ofMinutes(2));
        assertThat(run.err()).contains("Could not read the status of deployment dep-2", "the connection failed");
        assertThat(record("railway-deployment.json").path("deploymentId").asText()).isEqualTo("dep-2");
    }

    @Test
    void crashedAfterSuccessFailsKeepsTheRecordAndTheRollbackPathWorks() throws Exception {
        fake.next(FakeRailway.script().statuses("DEPLOYING", "SUCCESS", "SUCCESS", "CRASHED"));

        CliOutcome run = railway("railway-up", "--stable-for", "1m");

        TRIED.add("CRASHED after SUCCESS");
        assertFailedWithin(run, Duration.ofMinutes(1));
        assertThat(run.err()).contains("Deployment dep-2 CRASHED after it had reached SUCCESS");
        JsonNode record = record("railway-deployment.json");
        assertThat(record.path("statuses").findValuesAsText("status")).containsExactly("DEPLOYING", "SUCCESS", "CRASHED");

        CliOutcome back = railway("railway-rollback");
        assertThat(back.exitCode()).as(back.err()).isZero();
        assertThat(record("railway-rollback.json").path("rolledBackTo").asText()).isEqualTo("dep-0");
    }
}
