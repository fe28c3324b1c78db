package io.jenkins.plugins.deploygates.engine.railway;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What following a deployment costs in requests, against the fake backboard that counts every request and offers
 * both transports: a subscription when it serves WebSockets, one document a round when it does not.
 */
class DeploymentFollowerBudgetTest {
    @TempDir
    Path dir;

    private FakeRailway fake;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeRailway();
        Files.writeString(dir.resolve("server.js"), "listen()");
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    private DeploymentRecord up(RailwayTime time, FollowOptions follow) throws Exception {
        RailwayConnection railway = new RailwayConnection(RailwayEndpoints.of(fake.url()),
                new RailwayToken(RailwayToken.Kind.PROJECT, FakeRailway.PROJECT_TOKEN), RailwayEndpoints.httpClient(),
                time, log::add, Redactor.byShape());
        return new RailwayUp(railway).run(new RailwayUpConfig(dir, null, null, "api", null, List.of(), follow, false,
                PostDeployChecks.none()));
    }

    private static String[] statuses(int building, String last) {
        List<String> s = new ArrayList<>(Collections.nCopies(building, "BUILDING"));
        s.add("DEPLOYING");
        s.add(last);
        return s.toArray(String[]::new);
    }

    @Test
    void overTheSubscriptionTheWholeDeployCostsAFewRequestsAndNoPolling() throws Exception {
        fake.withSubscriptions().statusStep(Duration.ofMillis(5));
        fake.next(FakeRailway.script().statuses(statuses(40, "SUCCESS")).buildLogs("npm ci", "npm run build")
                .deployLogs("listening on 8080"));

        DeploymentRecord record = up(RailwayTime.system(), FollowOptions.defaults());

        assertThat(record.verdict).as(String.join("\n", log)).isEqualTo(Verdict.PASSED);
        assertThat(fake.upgrades()).isEqualTo(1);
        assertThat(fake.calls("DeploymentProgress")).isEmpty();
        assertThat(fake.calls("DeploymentStatus")).isEmpty();
        // ProjectToken, Project, Deployments (what serves now), the upload, the upgrade, one status read beside it
        assertThat(fake.requests()).isLessThanOrEqualTo(6);
        assertThat(String.join("\n", log)).contains("over a subscription", "[build] npm ci", "[build] npm run build",
                "[deploy] listening on 8080", "Deployment dep-1 is SUCCESS.");
        assertThat(log.stream().filter(l -> l.equals("[build] npm ci"))).hasSize(1);
    }

    @Test
    void aFailureOverTheSubscriptionShowsRailwaysDiagnosisAndTheLastBuildLines() throws Exception {
        fake.withSubscriptions();
        fake.next(FakeRailway.script().statuses("BUILDING", "FAILED").buildLogs("npm ERR! missing script: build")
                .diagnosis("{\"summary\":\"The build command failed: package.json has no build script.\"}"));

        DeploymentRecord record = up(RailwayTime.system(), FollowOptions.defaults());

        assertThat(record.verdict).isEqualTo(Verdict.FAILED);
        assertThat(record.reason).startsWith("Deployment dep-1 FAILED (Railway's diagnosis: The build command failed:"
                + " package.json has no build script.); see https://railway.com/project/");
        assertThat(String.join("\n", log)).contains("Last 1 log lines of deployment dep-1:",
                "  [build] npm ERR! missing script: build");
    }

    @Test
    void withoutWebSocketsATenMinuteDeployIsPolledAtMostOnceEveryTenSecondsWithOneDocumentARound() throws Exception {
        VirtualTime time = new VirtualTime();
        fake.next(FakeRailway.script().statuses(statuses(30, "SUCCESS")).buildLogs("npm ci"));

        DeploymentRecord record = up(time, FollowOptions.defaults());

        assertThat(record.verdict).isEqualTo(Verdict.PASSED);
        assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        long rounds = fake.calls("DeploymentProgress").size();
        assertThat(rounds).isLessThanOrEqualTo(time.elapsed().toSeconds() / 10 + 1);
        assertThat(fake.calls("BuildLogs")).isEmpty();
        assertThat(fake.calls("DeploymentLogs")).isEmpty();
        assertThat(fake.calls("DeploymentStatus")).isEmpty();
        assertThat(String.join("\n", log)).contains("by polling every 10s or slower", "[build] npm ci");
    }

    @Test
    void thePollingFollowerSlowsDownAsTheRateLimitRunsLow() throws Exception {
        VirtualTime plenty = new VirtualTime();
        fake.next(FakeRailway.script().statuses(statuses(8, "SUCCESS")));
        up(plenty, FollowOptions.defaults());

        fake.rateLimit(40); // about 30 left once the follower starts: it must stretch its rounds
        VirtualTime scarce = new VirtualTime();
        fake.next(FakeRailway.script().statuses(statuses(8, "SUCCESS")));
        DeploymentRecord record = up(scarce, new FollowOptions(Duration.ofHours(2), Duration.ofSeconds(10),
                Duration.ZERO, false, false));

        assertThat(record.verdict).isEqualTo(Verdict.PASSED);
        assertThat(scarce.elapsed()).isGreaterThan(plenty.elapsed().multipliedBy(4));
    }

    @Test
    void thePollingBudgetCapsTheRoundsWhateverTheStatusesDo() throws Exception {
        VirtualTime time = new VirtualTime();
        fake.next(FakeRailway.script().statuses(statuses(500, "SUCCESS")));

        DeploymentRecord record = up(time, new FollowOptions(Duration.ofMinutes(5), Duration.ofSeconds(10),
                Duration.ZERO, false, false));

        assertThat(record.verdict).isEqualTo(Verdict.FAILED);
        assertThat(record.reason).contains("reached no verdict within 5m", "may still go live");
        assertThat(fake.calls("DeploymentProgress").size()).isLessThanOrEqualTo(5 * 6 + 3);
    }
}
