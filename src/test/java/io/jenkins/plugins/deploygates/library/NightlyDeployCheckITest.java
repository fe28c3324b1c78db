package io.jenkins.plugins.deploygates.library;

import static io.jenkins.plugins.deploygates.library.LibraryJenkinsfile.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.demo.DemoAuthService;
import io.jenkins.plugins.deploygates.demo.DemoMailbox;
import io.jenkins.plugins.deploygates.testing.RealBuild;
import io.jenkins.plugins.deploygates.testing.RealJenkins;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * nightlyDeployCheck in the kit's real Jenkins, where Copy Artifact runs in production mode: a deploy job
 * (deployPipeline naming the nightly job) promotes once, then the nightly job runs on demand against loopback
 * targets: health, smoke, drift from the promoted commit, TLS days left.
 */
@Execution(ExecutionMode.CONCURRENT)
class NightlyDeployCheckITest {
    private static final Duration BUILD = Duration.ofMinutes(10);
    private static final String DEPLOY_JOB = "nightly-shop-deploy";
    /**
     * A schedule that does not fire while the suite runs (the default, H 3 * * *, did once, at 3 am, and Jenkins
     * folded the test's build into the timer's): midnight of the 29th of February.
     */
    private static final String CRON = "0 0 29 2 *";
    private static RailwayApp app;
    private static String promoted;

    @BeforeAll
    static void promoteOnce() throws Exception {
        app = RailwayApp.start(DEPLOY_JOB, "api").set("nightlyJob", "'nightly-shop-check'");
        RealBuild deploy = app.startedBy("alice");
        deploy.answerInput("Promote", "bob", Map.of("OVERRIDE_SOAK", false, "OVERRIDE_REASON", ""));
        assertThat(deploy.awaitResult(BUILD)).isEqualTo("SUCCESS");
        promoted = app.commit();
    }

    @AfterAll
    static void stopDoubles() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void runsOnDemandWithItsCronDeclaredChecksEveryEnvironmentAndNeverDeploys() throws Exception {
        RealJenkins jenkins = RealJenkins.get();
        try (DemoMailbox mailbox = DemoMailbox.start();
                DemoAuthService login = DemoAuthService.options().smtp("127.0.0.1", mailbox.smtpPort())
                        .rateLimit(5, Duration.ofSeconds(10)).start();
                TlsEndpoint stagingTls = TlsEndpoint.expiringIn(Duration.ofDays(100));
                TlsEndpoint productionTls = TlsEndpoint.expiringIn(Duration.ofDays(10))) {
            app.staging.serving(promoted);
            app.production.serving("0123456789abcdef0123456789abcdef01234567");
            int uploads = app.railway.uploads().size();
            jenkins.pipelineJob("nightly-shop-check", nightly(""
                    + "[name: 'staging', health: " + quoted(app.staging.healthUrl()) + ", versionUrl: "
                    + quoted(app.staging.versionUrl()) + ", tlsHost: " + quoted(stagingTls.hostAndPort()) + ",\n"
                    + "     smoke: [baseUrl: " + quoted(login.baseUrl()) + ", email: 'smoke@example.test', mailbox: "
                    + quoted(mailbox.mailboxUri()) + "]],\n"
                    + "    [name: 'production', health: " + quoted(app.production.healthUrl()) + ", versionUrl: "
                    + quoted(app.production.versionUrl()) + ", tlsHost: " + quoted(productionTls.hostAndPort()) + "]"));

            RealBuild build = jenkins.build("nightly-shop-check", "admin");

            assertThat(build.awaitResult(BUILD)).as("a drift fails the night").isEqualTo("FAILURE");
            assertThat(jenkins.get("admin", "job/nightly-shop-check/config.xml").text()).contains("<spec>" + CRON + "</spec>");
            assertThat(build.console()).contains("Started by user admin");
            JsonNode tests = build.json("testReport/api/json?tree=passCount,failCount,suites[cases[className,name,status]]");
            assertThat(tests.path("passCount").asInt()).isEqualTo(6);
            assertThat(tests.path("failCount").asInt()).isEqualTo(1);
            assertThat(tests.findValuesAsText("name")).containsExactlyInAnyOrder(
                    "health", "smoke", "drift", "tls", "health", "drift", "tls");
            JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(build.artifact("deploy-gates-reports/nightly-check.json").body());
            assertThat(json.path("kind").asText()).isEqualTo("nightly-check");
            assertThat(json.path("worst").asText()).isEqualTo("FAIL");
            assertThat(json.at("/environments/0/name").asText()).isEqualTo("staging");
            assertThat(json.at("/environments/0/worst").asText()).isEqualTo("OK");
            assertThat(json.at("/environments/0/checks").findValuesAsText("name")).containsExactly("health", "smoke", "drift", "tls");
            assertThat(json.at("/environments/1/checks").findValuesAsText("status")).containsExactly("OK", "FAIL", "WARN");
            assertThat(json.at("/environments/1/checks/1/text").asText())
                    .isEqualTo("drift: serving 0123456 but the last promoted commit is " + promoted.substring(0, 7));
            assertThat(json.at("/environments/1/checks/2/text").asText()).matches("TLS certificate has (9|10) days left");
            assertThat(build.console()).contains("[nightlyDeployCheck] staging: OK - ", "[nightlyDeployCheck] production: FAIL - ")
                    .doesNotContain("railwayUp", "cannot read promotion-record.json");
            assertThat(app.railway.uploads()).as("never deploys").hasSize(uploads);
            assertThat(build.artifact("deploy-gates-reports/deploy-gates-report.html").status()).isEqualTo(200);
        }
    }

    @Test
    void aJobTheDeployJobDidNotNameIsToldHowToBeGrantedAndItsOtherChecksStillRun() {
        RealJenkins jenkins = RealJenkins.get();
        jenkins.pipelineJob("nightly-not-named", nightly("[name: 'production', health: "
                + quoted(app.production.healthUrl()) + ", versionUrl: " + quoted(app.production.versionUrl()) + "]"));

        RealBuild build = jenkins.build("nightly-not-named", "admin");

        assertThat(build.awaitResult(BUILD)).isEqualTo("FAILURE");
        assertThat(build.console()).contains("production drift: [promotionRecord] cannot read promotion-record.json of '"
                + DEPLOY_JOB + "' (Unable to find project for artifact copy: " + DEPLOY_JOB + "): it must let this job copy "
                + "its artifacts, e.g. deployPipeline(nightlyJob: 'nightly-not-named')").contains("health OK");
    }

    private static String nightly(String environments) {
        return new LibraryJenkinsfile("nightlyDeployCheck")
                .set("agentLabel", quoted(RealJenkins.AGENT_LABEL))
                .set("deployJob", quoted(DEPLOY_JOB))
                .set("cron", quoted(CRON))
                .set("healthTimeout", "'1m'")
                .set("healthInterval", "'1s'")
                .set("environments", "[\n    " + environments + "\n    ]")
                .text();
    }
}
