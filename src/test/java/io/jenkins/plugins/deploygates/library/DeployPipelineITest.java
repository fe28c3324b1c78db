package io.jenkins.plugins.deploygates.library;

import static io.jenkins.plugins.deploygates.library.LibraryJenkinsfile.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploygates.demo.DemoAuthService;
import io.jenkins.plugins.deploygates.demo.DemoMailbox;
import io.jenkins.plugins.deploygates.engine.railway.FakeRailway;
import io.jenkins.plugins.deploygates.testing.ChromiumPage;
import io.jenkins.plugins.deploygates.testing.HeadlessChromium;
import io.jenkins.plugins.deploygates.testing.JenkinsResponse;
import io.jenkins.plugins.deploygates.testing.RealBuild;
import io.jenkins.plugins.deploygates.testing.RealJenkins;
import io.jenkins.plugins.deploygates.testing.RealServices;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * deployPipeline, as a Jenkinsfile of a user's repository, in the kit's real Jenkins with this build's plugin: a
 * Railway double, health targets and a login service with its mailbox on loopback, approvals answered as alice and
 * bob through the REST API. Independent runs go in parallel; each keeps its console in
 * target/real-jenkins/consoles.
 */
@Execution(ExecutionMode.CONCURRENT)
class DeployPipelineITest {
    static final Duration BUILD = Duration.ofMinutes(10);
    static final Duration STAGE = Duration.ofMinutes(6);
    static final Map<String, Object> APPROVE = Map.of("OVERRIDE_SOAK", false, "OVERRIDE_REASON", "");
    static final String RECORD = "deploy-gates-reports/promotion-record.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aliceStartsItAndBobsApprovalTakesItThroughStagingGatesAndSmokeToProduction() throws Exception {
        try (RailwayApp app = RailwayApp.start("railway-promotion", "api", "worker");
                DemoMailbox mailbox = DemoMailbox.start();
                DemoAuthService login = DemoAuthService.options().smtp("127.0.0.1", mailbox.smtpPort())
                        .rateLimit(5, Duration.ofSeconds(10)).start()) {
            app.railway.existing("dep-live-api", "SUCCESS", true);
            app.set("staging", "[health: " + quoted(app.staging.healthUrl()) + ", smoke: [baseUrl: " + quoted(login.baseUrl())
                    + ", email: 'smoke@example.test', mailbox: " + quoted(mailbox.mailboxUri()) + "]]");

            RealBuild build = app.startedBy("alice");
            assertThat(build.answerInput("Promote", "bob", APPROVE).accepted()).isTrue();

            assertThat(build.awaitResult(BUILD)).isEqualTo("SUCCESS");
            String name = "Jenkins railway-promotion #" + build.number();
            assertThat(app.uploads(FakeRailway.STAGING_ID)).containsExactly("svc-api by " + name, "svc-worker by " + name);
            assertThat(app.uploads(FakeRailway.ENV_ID)).containsExactly("svc-api by " + name, "svc-worker by " + name);
            JsonNode record = record(build);
            assertThat(record.path("commit").asText()).isEqualTo(app.commit());
            assertThat(record.path("outcome").asText()).isEqualTo("promoted");
            assertThat(record.path("promotion").path("approvals").path(0).path("user").asText()).isEqualTo("bob");
            assertThat(record.at("/environments/staging/gates").findValuesAsText("gate")).containsExactly("health", "smoke");
            assertThat(record.at("/environments/staging/gates/1/verdict").asText()).isEqualTo("PASS");
            assertThat(record.at("/environments/staging/gates/1/checks").findValuesAsText("name")).contains("link requested");
            assertThat(record.at("/environments/production/gates").findValuesAsText("gate")).containsExactly("health", "watch");
            JenkinsResponse page = build.artifact("deploy-gates-reports/deploy-gates-report.html");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("content-type")).startsWith("text/html");
            assertThat(page.text()).contains("<html", "promoted");
            assertThat(build.console()).contains("Started by user alice", "Approved by bob", "[promotionGate] promoted by bob",
                    "Lock acquired on [");
        }
    }

    @Test
    void anApprovalBeforeTheSoakMinimumIsRefusedAndAnOverrideWithAReasonPromotes() throws Exception {
        try (RailwayApp app = RailwayApp.start("railway-soak", "api").set("minimumSoak", "'1h'")) {
            RealBuild build = app.startedBy("alice");
            build.answerInput("Promote", "bob", APPROVE);
            build.answerInput("Promote2", "bob", Map.of("OVERRIDE_SOAK", true, "OVERRIDE_REASON", "fixes the checkout outage"));

            assertThat(build.awaitResult(BUILD)).isEqualTo("SUCCESS");
            assertThat(build.console()).containsPattern("approval by bob refused: staging has soaked \\S+( \\S+)? of the "
                    + "required 1h; tick OVERRIDE_SOAK and give OVERRIDE_REASON to promote earlier");
            JsonNode promotion = record(build).path("promotion");
            assertThat(promotion.at("/refusals/0/user").asText()).isEqualTo("bob");
            assertThat(promotion.at("/refusals/0/refused").asText()).startsWith("staging has soaked");
            assertThat(promotion.at("/approvals/0/overrideSoak").asBoolean()).isTrue();
            assertThat(promotion.at("/approvals/0/reason").asText()).isEqualTo("fixes the checkout outage");
            assertThat(app.uploads(FakeRailway.ENV_ID)).hasSize(1);
        }
    }

    @Test
    void aFailingProductionWatchRollsBackAndAHealthGateProvesTheRollback() throws Exception {
        try (RailwayApp app = RailwayApp.start("railway-watch-rollback", "api")) {
            app.railway.existing("dep-live-api", "SUCCESS", true);
            // healthy for the production gate and the watch's first probe, then 503 until Railway was asked to roll back
            app.production.health(request -> request <= 2 || !app.railway.calls("DeploymentRollback").isEmpty() ? 200 : 503);

            RealBuild build = app.startedBy("alice");
            build.answerInput("Promote", "bob", APPROVE);

            assertThat(build.awaitResult(BUILD)).isEqualTo("FAILURE");
            assertThat(app.railway.calls("DeploymentRollback")).hasSize(1);
            assertThat(app.railway.calls("DeploymentRollback").get(0).variables().path("id").asText()).isEqualTo("dep-live-api");
            JsonNode record = record(build);
            assertThat(record.path("outcome").asText()).isEqualTo("rolled back");
            assertThat(record.at("/rollbacks/0/health/verdict").asText()).isEqualTo("PASS");
            assertThat(record.at("/environments/production/gates/1/gate").asText()).isEqualTo("watch");
            assertThat(record.at("/environments/production/gates/1/verdict").asText()).isEqualTo("FAIL");
            assertThat(build.json("api/json?tree=description").path("description").asText())
                    .startsWith("rolled back: production watch gate: healthGate:");
            assertThat(build.console()).contains("[rollbackDeployment] production rolled back (api); health PASS");
        }
    }

    @Test
    void twoApprovedBuildsTakeProductionOneAfterTheOther() throws Exception {
        try (RailwayApp app = RailwayApp.start("railway-serialized", "api", "worker").set("watch", "'10s'")) {
            // in order, as milestones want: a build reaching the gate after a newer one did is superseded
            RealBuild first = app.startedBy("alice");
            first.awaitInput("Promote", STAGE);
            RealBuild second = app.startedBy("alice");
            second.awaitInput("Promote", STAGE);
            first.answerInput("Promote", "bob", APPROVE);
            first.awaitConsole("(Watch)", STAGE);
            second.answerInput("Promote", "bob", APPROVE);

            String waiting = second.awaitConsole("is locked by", STAGE);
            assertThat(waiting).containsPattern("\\[railway-serialized/production\\] is locked by .*railway-serialized #"
                    + first.number());
            assertThat(app.uploads(FakeRailway.ENV_ID)).as("production uploads while the first build holds production")
                    .doesNotContain("svc-api by Jenkins railway-serialized #" + second.number());
            assertThat(first.awaitResult(BUILD)).isEqualTo("SUCCESS");
            assertThat(second.awaitResult(BUILD)).isEqualTo("SUCCESS");
            String byFirst = "Jenkins railway-serialized #" + first.number();
            String bySecond = "Jenkins railway-serialized #" + second.number();
            assertThat(app.uploads(FakeRailway.ENV_ID)).containsExactly("svc-api by " + byFirst, "svc-worker by " + byFirst,
                    "svc-api by " + bySecond, "svc-worker by " + bySecond);
        }
    }

    @Test
    void noAnswerWithinTheApprovalTimeoutEndsNotBuiltAndNotPromoted() throws Exception {
        try (RailwayApp app = RailwayApp.start("railway-approval-timeout", "api").set("approvalTimeout", "'5s'")) {
            RealBuild build = app.startedBy("alice");

            assertThat(build.awaitResult(BUILD)).isEqualTo("NOT_BUILT");
            assertThat(build.json("api/json?tree=description").path("description").asText())
                    .isEqualTo("timed out after 5s, not promoted");
            assertThat(record(build).path("outcome").asText()).isEqualTo("timed out after 5s, not promoted");
            assertThat(app.uploads(FakeRailway.ENV_ID)).isEmpty();
        }
    }

    @Test
    void anAbortByAnApproverEndsRejectedAndNotPromoted() throws Exception {
        try (RailwayApp app = RailwayApp.start("railway-approval-rejected", "api")) {
            RealBuild build = app.startedBy("alice");
            assertThat(build.abortInput("Promote", "bob").accepted()).isTrue();

            assertThat(build.awaitResult(BUILD)).isEqualTo("NOT_BUILT");
            assertThat(build.json("api/json?tree=description").path("description").asText())
                    .isEqualTo("rejected by bob, not promoted");
            assertThat(build.console()).contains("[promotionGate] rejected by bob, not promoted");
            assertThat(app.uploads(FakeRailway.ENV_ID)).isEmpty();
        }
    }

    @Test
    void theApproverSeesWhatStagingProvedAndAnswersOnTheInputPage() throws Exception {
        RealJenkins jenkins = RealJenkins.get();
        try (RailwayApp app = RailwayApp.start("railway-approval-page", "api", "worker").set("minimumSoak", "'2h'")) {
            RealBuild build = app.startedBy("alice");
            try {
                build.awaitInput("Promote", STAGE);
                String input = "job/railway-approval-page/" + build.number() + "/input/";
                assertThat(jenkins.get("bob", input).text()).contains("<h1>Promote to production?</h1>", "EVIDENCE",
                        "Commit: " + app.commit() + "\n", "Staging deployment api: dep-", "Staging gate health: PASS",
                        "of the required 2h (not met)\n", "Approvals: 0 of 1\n",
                        "Four-eyes: alice started this build and cannot approve it", "OVERRIDE_SOAK", "OVERRIDE_REASON",
                        "Approve", "Abort");
                Path browser = RealServices.buildDirectory().resolve("real-jenkins/browser");
                try (HeadlessChromium chromium = HeadlessChromium.start(browser)) {
                    ChromiumPage page = chromium.open(jenkins.url().resolve(input), 1280,
                            Map.of("Authorization", jenkins.authorization("bob")));
                    assertThat(page.dom().select("h1").text()).isEqualTo("Promote to production?");
                    assertThat(page.dom().select("textarea").text()).contains("Four-eyes: alice started this build");
                    page.screenshot(RealServices.buildDirectory().resolve("real-jenkins/approval-input.png"));
                }
            } finally {
                build.abortInput("Promote", "bob");
                build.awaitResult(BUILD);
            }
        }
    }

    static JsonNode record(RealBuild build) throws IOException {
        JenkinsResponse record = build.artifact(RECORD);
        assertThat(record.status()).as(RECORD + " archived").isEqualTo(200);
        return JSON.readTree(record.body());
    }
}
