package io.jenkins.plugins.deploygates.engine.railway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord.Verdict;
import io.jenkins.plugins.deploygates.engine.railway.upload.TarContents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RailwayUpTest {
    @TempDir
    Path dir;

    private FakeRailway fake;
    private final VirtualTime time = new VirtualTime();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeRailway();
        Files.writeString(dir.resolve("server.js"), "console.log('hi')");
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/app.js"), "module.exports = 1");
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    private RailwayConnection railway(RailwayToken token) {
        return new RailwayConnection(RailwayEndpoints.of(fake.url()), token, RailwayEndpoints.httpClient(), time,
                log::add, Redactor.byShape());
    }

    private static RailwayToken projectToken() {
        return new RailwayToken(RailwayToken.Kind.PROJECT, FakeRailway.PROJECT_TOKEN);
    }

    private RailwayUpConfig config(FollowOptions follow) {
        return new RailwayUpConfig(dir, null, null, "api", "release 42", List.of(), follow, false, PostDeployChecks.none());
    }

    private static FollowOptions follow(Duration timeout, Duration stableFor, boolean allowSkipped, boolean approval) {
        return new FollowOptions(timeout, Duration.ofSeconds(5), stableFor, allowSkipped, approval);
    }

    private static FollowOptions defaults() {
        return FollowOptions.defaults();
    }

    private DeploymentRecord up(FollowOptions follow) throws Exception {
        return new RailwayUp(railway(projectToken())).run(config(follow));
    }

    private String logText() {
        return String.join("\n", log);
    }

    @Test
    void successUploadsTheTreeWithTheProjectTokenAndPasses() throws Exception {
        fake.next(FakeRailway.script().statuses("QUEUED", "BUILDING", "DEPLOYING", "SUCCESS")
                .buildLogs("npm ci", "npm run build").deployLogs("listening on 8080"));
        DeploymentRecord record = up(defaults()).requirePassed();

        assertThat(record.verdict).isEqualTo(Verdict.PASSED);
        assertThat(record.statuses).extracting(DeploymentRecord.StatusChange::status)
                .containsExactly("QUEUED", "BUILDING", "DEPLOYING", "SUCCESS");
        assertThat(record.serviceName).isEqualTo("api");
        assertThat(record.environmentName).isEqualTo("production");
        FakeRailway.Upload upload = fake.uploads().get(0);
        assertThat(upload.path()).startsWith("/project/prj-1/environment/env-prod/up?serviceId=svc-api&message=release%2042");
        assertThat(upload.headers()).containsEntry("project-access-token", FakeRailway.PROJECT_TOKEN)
                .containsEntry("content-type", "application/gzip").doesNotContainKey("authorization");
        assertThat(TarContents.read(upload.body())).containsEntry("server.js", "console.log('hi')")
                .containsEntry("src/app.js", "module.exports = 1").containsKey("src");
        assertThat(logText()).contains("[build] npm ci", "[build] npm run build", "[deploy] listening on 8080",
                "2 files");
        assertThat(log.stream().filter(l -> l.equals("[build] npm ci"))).hasSize(1);
        assertThat(logText()).doesNotContain(FakeRailway.PROJECT_TOKEN);
        assertThat(record.toMap()).containsEntry("deploymentId", record.deploymentId).containsEntry("status", "SUCCESS");
    }

    /** A connection whose n-th pause is interrupted, as an aborted build interrupts the step's thread. */
    private RailwayConnection abortedOnPause(int n) {
        RailwayTime aborting = new RailwayTime() {
            private int pauses;

            @Override
            public Instant now() {
                return time.now();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                if (++pauses == n) {
                    throw new InterruptedException("sleep interrupted");
                }
                time.sleep(duration);
            }
        };
        return new RailwayConnection(RailwayEndpoints.of(fake.url()), projectToken(), RailwayEndpoints.httpClient(),
                aborting, log::add, Redactor.byShape());
    }

    private static DeploymentRecord interruptedRecord(RailwayUp up, RailwayUpConfig config) {
        return catchThrowableOfType(() -> up.run(config), WaitInterruptedException.class).record();
    }

    @Test
    void anAbortWhileWaitingLeavesARecordWithTheDeploymentIdAndTheWayBack() throws Exception {
        fake.next(FakeRailway.script().statuses("BUILDING", "DEPLOYING"));
        List<String> writtenBeforeTheVerdict = new ArrayList<>();
        RailwayUp up = new RailwayUp(abortedOnPause(4), r -> writtenBeforeTheVerdict.add(Json.MAPPER.writeValueAsString(r)));

        DeploymentRecord record = interruptedRecord(up, config(defaults()));

        assertThat(record.verdict).isEqualTo(Verdict.INTERRUPTED);
        assertThat(record.reason).startsWith("Stopped waiting for deployment dep-1 (last status DEPLOYING)")
                .contains("may still go live", "https://railway.com/project/", "railwayRollback");
        assertThat(record.serviceId).isEqualTo("svc-api");
        assertThat(writtenBeforeTheVerdict).singleElement().satisfies(json -> {
            JsonNode early = Json.MAPPER.readTree(json);
            assertThat(early.path("deploymentId").asText()).isEqualTo("dep-1");
            assertThat(early.hasNonNull("verdict")).isFalse();
            assertThat(early.path("reason").asText()).contains("its verdict was being awaited", "cut short");
        });
        assertThat(logText()).contains("[railway] Stopped waiting for deployment dep-1");
        assertThat(fake.calls("DeploymentCancel")).as("an interrupt alone cancels nothing").isEmpty();
    }

    @Test
    void abandoningADeploymentThatIsStillBuildingCancelsItInRailway() throws Exception {
        fake.next(FakeRailway.script().statuses("QUEUED", "BUILDING"));
        RailwayUp up = new RailwayUp(abortedOnPause(3));

        DeploymentRecord record = up.abandon(interruptedRecord(up, config(defaults())));

        assertThat(record.verdict).isEqualTo(Verdict.INTERRUPTED);
        assertThat(record.reason).isEqualTo("Stopped while deployment dep-1 was BUILDING: it was cancelled in"
                + " Railway, so the service keeps serving its previous deployment.");
        assertThat(fake.calls("DeploymentCancel")).singleElement()
                .satisfies(c -> assertThat(c.variables().path("id").asText()).isEqualTo("dep-1"));
        assertThat(fake.deployment("dep-1").status).isEqualTo("REMOVED");
    }

    @Test
    void abandoningADeploymentThatAlreadyServesLeavesItAndSaysHowToRollBack() throws Exception {
        fake.next(FakeRailway.script().statuses("BUILDING", "DEPLOYING", "SUCCESS"));
        RailwayUp up = new RailwayUp(abortedOnPause(4)); // during stableFor, after SUCCESS

        DeploymentRecord record = up.abandon(interruptedRecord(up, config(follow(Duration.ofMinutes(20),
                Duration.ofMinutes(1), false, false))));

        assertThat(record.reason).isEqualTo("Stopped after deployment dep-1 went live (SUCCESS): it keeps serving;"
                + " roll back with railwayRollback if it must not stay.");
        assertThat(fake.calls("DeploymentCancel")).isEmpty();
    }

    @Test
    void aCancelThatRailwayRefusesIsSaidWithTheWayToFollowAndRollBack() throws Exception {
        fake.next(FakeRailway.script().statuses("NEEDS_APPROVAL"));
        RailwayUp up = new RailwayUp(abortedOnPause(3));

        DeploymentRecord record = up.abandon(interruptedRecord(up, config(follow(Duration.ofMinutes(20), Duration.ZERO,
                false, true))));

        assertThat(record.reason).startsWith("Stopped while deployment dep-1 was NEEDS_APPROVAL, and it could not be"
                + " cancelled (").contains("it may still go live", "railwayRollback");
        assertThat(fake.calls("DeploymentCancel")).hasSize(1);
    }

    @Test
    void aRecordThatCannotBeWrittenBeforeTheWaitDoesNotStopTheDeploy() throws Exception {
        DeploymentRecord record = new RailwayUp(railway(projectToken()), r -> {
            throw new java.io.IOException("No space left on device");
        }).run(config(defaults()));

        assertThat(record.verdict).isEqualTo(Verdict.PASSED);
        assertThat(logText()).contains("[railway] Could not write the record before the wait (No space left on device);"
                + " it is written again at the end.");
    }

    @Test
    void theRecordNamesTheDeploymentThatServedBeforeAsTheOneToRollBackTo() throws Exception {
        fake.existing("dep-before", "SUCCESS", true).existing("dep-serving", "SUCCESS", true); // created in this order
        fake.existing("dep-crashed", "CRASHED", false); // newer, but it does not serve
        fake.next(FakeRailway.script().statuses("BUILDING", "DEPLOYING", "SUCCESS"));
        RailwayUp up = new RailwayUp(abortedOnPause(4));

        DeploymentRecord record = up.abandon(interruptedRecord(up, config(follow(Duration.ofMinutes(20),
                Duration.ofMinutes(1), false, false))));

        assertThat(record.replacedDeploymentId).isEqualTo("dep-serving");
        assertThat(record.toMap()).containsEntry("replacedDeploymentId", "dep-serving");
        assertThat(record.reason).endsWith("roll back with railwayRollback (to: 'dep-serving') if it must not stay.");
        assertThat(logText()).contains("[railway] Serving now: deployment dep-serving (the one to roll back to).");
    }

    @Test
    void notKnowingWhatServesNowIsSaidButDoesNotStopTheDeploy() throws Exception {
        fake.inject("Deployments", new MockResponse().setResponseCode(200)
                .setBody("{\"errors\":[{\"message\":\"Not Authorized\"}]}"));

        DeploymentRecord record = up(defaults());

        assertThat(record.verdict).isEqualTo(Verdict.PASSED);
        assertThat(record.replacedDeploymentId).isNull();
        assertThat(logText()).contains("[railway] Could not read which deployment serves now (");
    }

    @Test
    void aDetachedDeployWritesItsRecordOnlyOnce() throws Exception {
        RailwayUpConfig detached = new RailwayUpConfig(dir, null, null, "api", null, List.of(), defaults(), true,
                PostDeployChecks.none());
        List<DeploymentRecord> early = new ArrayList<>();
        assertThat(new RailwayUp(railway(projectToken()), early::add).run(detached).verdict).isEqualTo(Verdict.DETACHED);
        assertThat(early).isEmpty();
    }

    @Test
    void failedDeploymentFailsAndPrintsTheLastLogLines() throws Exception {
        fake.next(FakeRailway.script().statuses("BUILDING", "FAILED").buildLogs("npm ERR! missing script: build"));
        DeploymentRecord record = up(defaults());

        assertThat(record.verdict).isEqualTo(Verdict.FAILED);
        assertThat(record.reason).contains(record.deploymentId, "FAILED", record.logsUrl);
        assertThat(logText()).contains("Last 1 log lines of deployment " + record.deploymentId,
                "  [build] npm ERR! missing script: build");
        assertThatThrownBy(record::requirePassed).isInstanceOf(GateFailedException.class).hasMessage(record.reason);
    }

    @Test
    void crashAfterSuccessWithinStableForFails() throws Exception {
        fake.next(FakeRailway.script().statuses("DEPLOYING", "SUCCESS", "SUCCESS", "CRASHED"));
        DeploymentRecord record = up(follow(Duration.ofMinutes(20), Duration.ofMinutes(1), false, false));

        assertThat(record.verdict).isEqualTo(Verdict.FAILED);
        assertThat(record.reason).contains("CRASHED after it had reached SUCCESS");
        assertThat(record.statuses).extracting(DeploymentRecord.StatusChange::status)
                .containsExactly("DEPLOYING", "SUCCESS", "CRASHED");
    }

    @Test
    void successThatHoldsForStableForPassesAfterTheWindow() throws Exception {
        fake.next(FakeRailway.script().statuses("SUCCESS"));
        DeploymentRecord record = up(follow(Duration.ofMinutes(20), Duration.ofSeconds(30), false, false));

        assertThat(record.verdict).isEqualTo(Verdict.PASSED);
        assertThat(record.reason).contains("stayed up for 30s");
        assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void skippedFailsUnlessAllowed() throws Exception {
        fake.next(FakeRailway.script().statuses("WAITING", "SKIPPED"));
        DeploymentRecord refused = up(defaults());
        assertThat(refused.verdict).isEqualTo(Verdict.FAILED);
        assertThat(refused.reason).contains("SKIPPED", "nothing was deployed", "allowSkipped");

        fake.next(FakeRailway.script().statuses("SKIPPED"));
        DeploymentRecord allowed = up(follow(Duration.ofMinutes(20), Duration.ZERO, true, false));
        assertThat(allowed.verdict).isEqualTo(Verdict.SKIPPED);
        assertThat(allowed.requirePassed()).isSameAs(allowed);
    }

    @Test
    void removedFails() throws Exception {
        fake.next(FakeRailway.script().statuses("BUILDING", "REMOVED"));
        DeploymentRecord record = up(defaults());
        assertThat(record.verdict).isEqualTo(Verdict.FAILED);
        assertThat(record.reason).contains("REMOVED", "cancelled, or superseded");
    }

    @Test
    void needsApprovalFailsFastUnlessToldToWait() throws Exception {
        fake.next(FakeRailway.script().statuses("NEEDS_APPROVAL"));
        DeploymentRecord fast = up(defaults());
        assertThat(fast.verdict).isEqualTo(Verdict.FAILED);
        assertThat(fast.reason).contains("NEEDS_APPROVAL", "waitForApproval");
        assertThat(fake.calls("DeploymentProgress")).hasSize(1);

        fake.next(FakeRailway.script().statuses("NEEDS_APPROVAL", "NEEDS_APPROVAL", "BUILDING", "SUCCESS"));
        DeploymentRecord waited = up(follow(Duration.ofMinutes(20), Duration.ZERO, false, true));
        assertThat(waited.verdict).isEqualTo(Verdict.PASSED);
    }

    @Test
    void timeoutFailsWithTheDeploymentIdAndDashboardUrlOnAVirtualClock() throws Exception {
        fake.next(FakeRailway.script().statuses("BUILDING"));
        long realStart = System.nanoTime();
        DeploymentRecord record = up(follow(Duration.ofMinutes(20), Duration.ZERO, false, false));

        assertThat(record.verdict).isEqualTo(Verdict.FAILED);
        assertThat(record.reason).contains("reached no verdict within 20m", "last status BUILDING",
                record.deploymentId, "https://railway.com/project/prj-1/service/svc-api?id=" + record.deploymentId);
        assertThat(time.elapsed()).isBetween(Duration.ofMinutes(20), Duration.ofMinutes(21));
        assertThat(Duration.ofNanos(System.nanoTime() - realStart)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void rateLimitHonoursRetryAfter() throws Exception {
        fake.inject("DeploymentProgress", new MockResponse().setResponseCode(429).setHeader("Retry-After", "7")
                .setBody("{\"data\":null}"));
        fake.next(FakeRailway.script().statuses("SUCCESS"));
        DeploymentRecord record = up(defaults());

        assertThat(record.verdict).isEqualTo(Verdict.PASSED);
        assertThat(fake.calls("DeploymentProgress")).hasSize(2);
        assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void serverErrorsOnReadsAreRetriedUntilRailwayRecovers() throws Exception {
        fake.inject("Project", new MockResponse().setResponseCode(502), new MockResponse().setResponseCode(503));
        fake.inject("DeploymentProgress", new MockResponse().setResponseCode(500));
        fake.inject("DeploymentStatus", new MockResponse().setResponseCode(502));
        DeploymentRecord record = up(defaults());

        assertThat(record.verdict).isEqualTo(Verdict.PASSED);
        assertThat(fake.calls("Project")).hasSize(3);
    }

    @Test
    void statusThatStaysUnreadableUntilTheTimeoutFailsSayingTheDeploymentMayStillGoLive() throws Exception {
        MockResponse[] down = new MockResponse[200];
        java.util.Arrays.fill(down, new MockResponse().setResponseCode(503));
        fake.inject("DeploymentProgress", down).inject("DeploymentStatus", down);
        DeploymentRecord record = up(defaults());

        assertThat(record.verdict).isEqualTo(Verdict.FAILED);
        assertThat(record.reason).contains("Could not read the status", "HTTP 503", "lasted until the time ran out",
                "It was not cancelled and may still go live: follow it at https://railway.com/project/",
                "cancel it there (Abort)");
        assertThat(time.elapsed()).isLessThanOrEqualTo(Duration.ofMinutes(20));
        assertThat(fake.calls("DeploymentStatus").size()).as("retried with back-off, not hammered").isBetween(5, 60);
    }

    @Test
    void brokenLogStreamNeverChangesAGoodVerdict() throws Exception {
        fake.next(FakeRailway.script().statuses("BUILDING", "DEPLOYING", "SUCCESS").buildLogs("x").brokenLogs());
        DeploymentRecord record = up(defaults());

        assertThat(record.verdict).isEqualTo(Verdict.PASSED);
        assertThat(log.stream().filter(l -> l.contains("Log lines are unavailable"))).hasSize(1);
        assertThat(logText()).contains("the verdict comes from the deployment status");
    }

    @Test
    void unknownProjectTokenIsOneClearSentence() {
        RailwayToken bad = new RailwayToken(RailwayToken.Kind.PROJECT, "not-a-real-token");
        assertThatThrownBy(() -> new RailwayUp(railway(bad)).run(config(defaults())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("does not know this project token")
                .hasMessageContaining("RAILWAY_API_TOKEN")
                .hasMessageNotContaining("not-a-real-token");
        assertThat(fake.uploads()).isEmpty();
    }

    @Test
    void badAccountTokenIsRefusedClearly() {
        RailwayToken bad = new RailwayToken(RailwayToken.Kind.ACCOUNT, "wrong-account-token");
        RailwayUpConfig c = new RailwayUpConfig(dir, "shop", "production", "api", null, List.of(), defaults(),
                false, PostDeployChecks.none());
        assertThatThrownBy(() -> new RailwayUp(railway(bad)).run(c))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("refused the account token");
        assertThat(fake.calls().get(0).headers()).containsEntry("authorization", "Bearer wrong-account-token");
    }

    @Test
    void projectTokenRefusedForAnOperationSaysAnAccountTokenIsNeeded() {
        fake.inject("Project", FakeRailway.json(FakeRailway.error("Not Authorized")));
        assertThatThrownBy(() -> up(defaults())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("project token only covers its own project")
                .hasMessageContaining("account token");
    }

    @Test
    void accountTokenResolvesProjectAndEnvironmentByName() throws Exception {
        RailwayToken account = new RailwayToken(RailwayToken.Kind.ACCOUNT, FakeRailway.ACCOUNT_TOKEN);
        RailwayUpConfig c = new RailwayUpConfig(dir, "Shop", "staging", "svc-api", null, List.of(), defaults(),
                false, PostDeployChecks.none());
        DeploymentRecord record = new RailwayUp(railway(account)).run(c).requirePassed();

        assertThat(record.environmentId).isEqualTo(FakeRailway.STAGING_ID);
        assertThat(fake.uploads().get(0).path()).startsWith("/project/prj-1/environment/env-staging/up?serviceId=svc-api");
        assertThat(fake.calls("UserProjects")).hasSize(1);
    }

    @Test
    void unknownNamesAreAnsweredWithTheNamesThatExist() {
        RailwayUpConfig service = new RailwayUpConfig(dir, null, null, "API", null, List.of(), defaults(), false,
                PostDeployChecks.none());
        assertThatThrownBy(() -> new RailwayUp(railway(projectToken())).run(service))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("service 'API' not found in project 'shop': the services are 'api', 'Postgres', 'worker'.");

        RailwayToken account = new RailwayToken(RailwayToken.Kind.ACCOUNT, FakeRailway.ACCOUNT_TOKEN);
        RailwayUpConfig env = new RailwayUpConfig(dir, "shop", "prod", "api", null, List.of(), defaults(), false,
                PostDeployChecks.none());
        assertThatThrownBy(() -> new RailwayUp(railway(account)).run(env))
                .hasMessage("environment 'prod' not found in project 'shop': the environments are 'production', "
                        + "'staging', 'vault'.");
        RailwayUpConfig project = new RailwayUpConfig(dir, "nope", "prod", "api", null, List.of(), defaults(),
                false, PostDeployChecks.none());
        assertThatThrownBy(() -> new RailwayUp(railway(account)).run(project))
                .hasMessage("project 'nope' not found: the projects this token can see are 'blog', 'shop'.");
        assertThat(fake.uploads()).isEmpty();
    }

    @Test
    void uploadRejectedWith400Or413LeavesAFailedRecord() throws Exception {
        fake.uploadAnswers(new MockResponse().setResponseCode(400).setBody("{\"message\":\"Invalid archive\"}"));
        DeploymentRecord bad = up(defaults());
        assertThat(bad.verdict).isEqualTo(Verdict.FAILED);
        assertThat(bad.reason).isEqualTo("Railway rejected the upload (HTTP 400): Invalid archive");
        assertThat(bad.deploymentId).isNull();

        fake.uploadAnswers(new MockResponse().setResponseCode(413).setBody("Payload Too Large"));
        DeploymentRecord large = up(defaults());
        assertThat(large.reason).startsWith("Railway rejected the upload as too large (HTTP 413, ")
                .contains(".railwayignore");
        assertThat(fake.uploads()).hasSize(2);
    }

    @Test
    void missingRequiredVariablesFailBeforeTheUploadNamingOnlyTheNames() {
        RailwayUpConfig c = new RailwayUpConfig(dir, null, null, "api", null,
                List.of("DATABASE_URL", "REDIS_URL", "SENTRY_DSN"), defaults(), false, PostDeployChecks.none());
        assertThatThrownBy(() -> new RailwayUp(railway(projectToken())).run(c))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("requiredVariables: service 'api' in production of project 'shop' lacks REDIS_URL, "
                        + "SENTRY_DSN: set them in Railway before deploying.");
        assertThat(fake.uploads()).isEmpty();
        assertThat(logText()).doesNotContain("postgres://");
    }

    @Test
    void presentRequiredVariablesLetTheDeployGoAhead() throws Exception {
        RailwayUpConfig c = new RailwayUpConfig(dir, null, null, "api", null, List.of("DATABASE_URL", "PORT"),
                defaults(), false, PostDeployChecks.none());
        assertThat(new RailwayUp(railway(projectToken())).run(c).verdict).isEqualTo(Verdict.PASSED);
        assertThat(logText()).contains("Required variables are set: DATABASE_URL, PORT.").doesNotContain("postgres://");
    }

    @Test
    void detachReturnsRightAfterTheUploadAndSaysNoVerdictWasAwaited() throws Exception {
        RailwayUpConfig c = new RailwayUpConfig(dir, null, null, "api", null, List.of(), defaults(), true, PostDeployChecks.none());
        DeploymentRecord record = new RailwayUp(railway(projectToken())).run(c).requirePassed();

        assertThat(record.verdict).isEqualTo(Verdict.DETACHED);
        assertThat(record.reason).contains("not awaited", "no verdict", record.deploymentId);
        assertThat(fake.calls("DeploymentStatus")).isEmpty();
        assertThat(fake.calls("DeploymentProgress")).isEmpty();
    }

    @Test
    void projectTokenForAnotherEnvironmentIsAUsageError() {
        RailwayUpConfig c = new RailwayUpConfig(dir, null, "staging", "api", null, List.of(), defaults(), false,
                PostDeployChecks.none());
        assertThatThrownBy(() -> new RailwayUp(railway(projectToken())).run(c))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("environment 'staging' is not the one the project token belongs to");
    }

    @Test
    void tokenNeverReachesTheLogEvenWhenRailwayEchoesIt() throws Exception {
        fake.next(FakeRailway.script().statuses("SUCCESS").buildLogs("token is " + FakeRailway.PROJECT_TOKEN));
        up(defaults());
        assertThat(logText()).contains("[build] token is ****").doesNotContain(FakeRailway.PROJECT_TOKEN);
    }

    @Test
    void symlinkOutsideTheDirectoryIsNotFollowed() throws Exception {
        Path outside = Files.createTempFile("secret", ".txt");
        Files.writeString(outside, "outside");
        Files.createSymbolicLink(dir.resolve("leak.txt"), outside);
        Files.createSymbolicLink(dir.resolve("inside.js"), dir.resolve("server.js"));
        up(defaults());
        Map<String, String> tar = TarContents.read(fake.uploads().get(0).body());
        assertThat(tar).doesNotContainKey("leak.txt").containsEntry("inside.js", "console.log('hi')");
        assertThat(logText()).contains("Skipped symlink leak.txt", "points outside the deployed directory");
        Files.delete(outside);
    }

    @Test
    void longNamesSurviveThroughPaxRecordsAndSystemTarReadsTheArchive() throws Exception {
        String deep = "a".repeat(60) + "/" + "b".repeat(60) + "/file-with-a-long-name.txt";
        Files.createDirectories(dir.resolve(deep).getParent());
        Files.writeString(dir.resolve(deep), "deep");
        up(defaults());
        byte[] body = fake.uploads().get(0).body();
        assertThat(TarContents.read(body)).containsEntry(deep, "deep");
        Path archive = dir.getParent().resolve("upload-" + System.nanoTime() + ".tar.gz");
        Files.write(archive, body);
        Process tar = new ProcessBuilder("tar", "-tzf", archive.toString()).redirectErrorStream(true).start();
        String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).isZero();
        assertThat(listing).contains(deep, "server.js");
        Files.delete(archive);
    }

    @Test
    void logPagesOfLimitPlusOneRowsAreTrimmedAndEveryLineIsPrintedOnce() throws Exception {
        String[] lines = new String[600];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "step " + (i + 1);
        }
        fake.next(FakeRailway.script().statuses("BUILDING", "BUILDING", "BUILDING", "SUCCESS").buildLogs(lines));
        up(defaults());

        List<String> printed = log.stream().filter(l -> l.startsWith("[build] ")).toList();
        assertThat(fake.calls("DeploymentProgress")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(printed).hasSize(LogLines.LIMIT).doesNotHaveDuplicates();
        assertThat(printed.get(0)).isEqualTo("[build] step 101");
        assertThat(printed.get(printed.size() - 1)).isEqualTo("[build] step 600");
    }

    @Test
    void transportErrorsOnReadsAreRetriedWithCappedBackoffThenReported() {
        RailwayConnection unreachable = new RailwayConnection(RailwayEndpoints.of("http://127.0.0.1:1"),
                projectToken(), RailwayEndpoints.httpClient(), time, log::add, Redactor.byShape());
        assertThatThrownBy(() -> new RailwayUp(unreachable).run(config(defaults())))
                .isInstanceOf(RailwayApiException.class)
                .hasMessageContaining("Railway did not answer while finding the project and environment of the project"
                        + " token (the connection failed: ").hasMessageContaining("it lasted until the time ran out")
                .hasMessageNotContaining("ProjectToken");
        assertThat(time.elapsed()).isLessThanOrEqualTo(FollowOptions.DEFAULT_TIMEOUT);
        assertThat(time.sleeps()).as("capped back-off, not a tight loop").isBetween(5L, 60L);
    }

    @Test
    void uploadCutOffMidwayIsReportedAndNeverSentAgain() throws Exception {
        fake.uploadAnswers(new MockResponse().setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.DISCONNECT_AFTER_REQUEST));
        DeploymentRecord record = up(defaults());
        assertThat(record.verdict).isEqualTo(Verdict.FAILED);
        assertThat(record.reason).startsWith("The upload did not complete").contains("not sent again");
        assertThat(fake.uploads()).hasSize(1);
    }

    @Test
    void uploadToAServiceWithoutAnInstanceIsAUsageError() {
        fake.uploadAnswers(new MockResponse().setResponseCode(404).setBody("{\"message\":\"Service instance not found\"}"));
        assertThatThrownBy(() -> up(defaults())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Service instance not found").hasMessageContaining("check service and environment");
    }

    @Test
    void sleepingCountsAsServedNotAsPending() throws Exception {
        assertThat(StatusClass.of("SLEEPING")).isEqualTo(StatusClass.SUCCEEDED);
        fake.next(FakeRailway.script().statuses("BUILDING", "DEPLOYING", "SLEEPING"));

        DeploymentRecord record = up(follow(Duration.ofMinutes(20), Duration.ZERO, false, false));

        assertThat(record.verdict).as(record.reason).isEqualTo(Verdict.PASSED);
        assertThat(record.reason).isEqualTo("Deployment dep-1 is SLEEPING.");
        assertThat(time.elapsed()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void anArchiveThatCannotBeBuiltSaysNothingWasSent() throws Exception {
        RailwayUp up = new RailwayUp(railway(projectToken()), (target, message) -> {
            throw new io.jenkins.plugins.deploygates.engine.railway.upload.ArchiveException("'app.log' changed size"
                    + " while the archive was built (11 bytes when the directory was read, more when it was copied):"
                    + " stop whatever writes to it during the deploy, or add it to .railwayignore, then run again.");
        }, r -> { });

        DeploymentRecord record = up.run(config(defaults()));

        assertThat(record.verdict).isEqualTo(Verdict.FAILED);
        assertThat(record.reason).startsWith("The upload archive could not be built: 'app.log' changed size")
                .endsWith("then run again. Nothing was sent to Railway.").doesNotContain("may have received");
        assertThat(fake.uploads()).isEmpty();
    }

    @Test
    void theUploadCarriesItsLengthAsRailwayUpSendsIt() throws Exception {
        up(defaults());

        FakeRailway.Upload upload = fake.uploads().get(0);
        assertThat(upload.headers()).containsEntry("content-length", Long.toString(upload.body().length))
                .doesNotContainKey("transfer-encoding");
    }

    @Test
    void aPathThatIsNotADirectoryFailsBeforeAnyRequest() {
        RailwayUpConfig missing = new RailwayUpConfig(dir.resolve("nonexistent"), null, null, "api", null, List.of(),
                defaults(), false, PostDeployChecks.none());

        assertThatThrownBy(() -> new RailwayUp(railway(projectToken())).run(missing))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("is not a directory");
        assertThat(fake.requests()).isZero();
    }

    @Test
    void railwaysProblemProcessingRequestOnAReadIsRetried() throws Exception {
        fake.inject("Project", FakeRailway.json(FakeRailway.error("Problem processing request",
                "INTERNAL_SERVER_ERROR")));
        fake.inject("DeploymentStatus", FakeRailway.json(FakeRailway.error("Problem processing request",
                "INTERNAL_SERVER_ERROR")));
        fake.inject("DeploymentProgress", FakeRailway.json(FakeRailway.error("Problem processing request",
                "INTERNAL_SERVER_ERROR")));

        DeploymentRecord record = up(defaults());

        assertThat(record.verdict).as(record.reason).isEqualTo(Verdict.PASSED);
        assertThat(fake.calls("Project")).hasSize(2);
    }

    @Test
    void aForbiddenPageThatIsNotRailwaysIsRetriedWhileRailwaysOwnRefusalIsATokenProblem() throws Exception {
        fake.inject("Project", new MockResponse().setResponseCode(403).setBody("<html>Access denied (edge)</html>"));
        assertThat(up(defaults()).verdict).isEqualTo(Verdict.PASSED);

        fake.inject("Project", new MockResponse().setResponseCode(403)
                .setBody("{\"errors\":[{\"message\":\"Not Authorized\"}],\"data\":null}"));
        assertThatThrownBy(() -> up(defaults())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Railway refused the project token while reading the project's environments and"
                        + " services");
    }

    @Test
    void aSubscriptionThatDropsIsOpenedAgainAndTheVerdictStillComes() throws Exception {
        fake.withSubscriptions();
        fake.next(FakeRailway.script().statuses("BUILDING", "SUCCESS"));
        fake.inject("Deployment", new MockResponse().setResponseCode(200).setBody("{\"data\":{\"deployment\":"
                + "{\"id\":\"dep-1\",\"status\":\"BUILDING\"}}}"));
        RailwayConnection system = new RailwayConnection(RailwayEndpoints.of(fake.url()), projectToken(),
                RailwayEndpoints.httpClient(), RailwayTime.system(), log::add, Redactor.byShape());
        fake.dropSubscriptionsAfter(1);

        DeploymentRecord record = new RailwayUp(system).run(config(defaults()));

        assertThat(record.verdict).as(logText()).isEqualTo(Verdict.PASSED);
        assertThat(logText()).contains("The subscription to deployment dep-1 ended (Railway closed the subscription");
        assertThat(fake.upgrades()).isEqualTo(2);
    }
}
