package io.jenkins.plugins.deploygates.steps;

import static io.jenkins.plugins.deploygates.engine.docker.RealComposeApp.web;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.docker.RealComposeApp;
import io.jenkins.plugins.deploygates.engine.railway.FakeRailway;
import io.jenkins.plugins.deploygates.testing.JenkinsResponse;
import io.jenkins.plugins.deploygates.testing.MagicLinkApp;
import io.jenkins.plugins.deploygates.testing.RealBuild;
import io.jenkins.plugins.deploygates.testing.RealDockerEngine;
import io.jenkins.plugins.deploygates.testing.RealJenkins;
import io.jenkins.plugins.deploygates.testing.RealMailStack;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged target/deploy-gates.hpi in the kit's real Jenkins, with its real class loaders, and a WebSocket agent:
 * what JenkinsRule, which loads the plugin's classes from the test class path, cannot show. The plugin loads with
 * its dependencies and bundles no library, JSONPath and Jakarta Mail load through the API plugins, each step's
 * work crosses a real remoting channel to the agent, and Jenkins' class filter trusts every class the steps send or
 * keep.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedPluginITest {
    private static final Duration BUILD = Duration.ofMinutes(4);
    private static RealJenkins jenkins;

    @TempDir
    Path root;

    @BeforeAll
    static void controller() {
        jenkins = RealJenkins.get();
    }

    private static RealBuild run(String job, String script) {
        jenkins.pipelineJob(job, script);
        RealBuild build = jenkins.build(job, "admin");
        build.awaitResult(BUILD);
        return build;
    }

    private static String result(RealBuild build) {
        return build.json("api/json?tree=result").path("result").asText();
    }

    @Test
    void theHpiCarriesThePluginManifestBundlesNothingAndLoadsWithItsDependencies() throws Exception {
        try (ZipFile hpi = new ZipFile(System.getProperty("deploygates.hpi"))) {
            assertThat(hpi.stream().map(e -> e.getName()).filter(n -> n.startsWith("WEB-INF/lib/") && n.endsWith(".jar")))
                    .containsExactly("WEB-INF/lib/deploy-gates.jar");
            try (InputStream manifest = hpi.getInputStream(hpi.getEntry("META-INF/MANIFEST.MF"))) {
                assertThat(new String(manifest.readAllBytes(), StandardCharsets.UTF_8))
                        .contains("Short-Name: deploy-gates", "Jenkins-Version: 2.528.3", "Minimum-Java-Version: 17");
            }
        }
        JsonNode plugins = Json.MAPPER.readTree(jenkins.get("admin",
                "pluginManager/api/json?depth=1&tree=plugins[shortName,active,dependencies[shortName]]").text());
        JsonNode ours = null;
        for (JsonNode plugin : plugins.path("plugins")) {
            if (plugin.path("shortName").asText().equals("deploy-gates")) {
                ours = plugin;
            }
        }
        assertThat(ours).as("deploy-gates is installed").isNotNull();
        assertThat(ours.path("active").asBoolean()).isTrue();
        assertThat(ours.path("dependencies").findValuesAsText("shortName"))
                .contains("workflow-step-api", "credentials", "okhttp-api", "json-path-api", "jakarta-mail-api");
        assertThat(jenkins.runScript("println(Jenkins.get().pluginManager.failedPlugins.size())").trim()).isEqualTo("0");
        assertThat(jenkins.runScript("println(Jenkins.get().pluginManager.whichPlugin("
                + "io.jenkins.plugins.deploygates.steps.HealthGateStep)?.shortName)").trim())
                .as("the steps load from the plugin's own jar").isEqualTo("deploy-gates");
    }

    @Test
    void theReadmesHealthGateWithJsonAssertionsRunsOnTheControllerAndOnTheAgent() throws Exception {
        try (HealthTargetServer target = new HealthTargetServer().healthyAfter(2)) {
            String gate = "healthGate url: '" + target.url() + "', expectJson: ['$.status == \"ok\"', '$.db exists'],"
                    + " interval: '200ms', timeout: '1m'";
            RealBuild build = run("packaged-health", "def a = " + gate + "\n"
                    + "node('" + RealJenkins.AGENT_LABEL + "') { def b = " + gate + ", reportDir: 'reports'\n"
                    + "  echo \"controller=${a.verdict} agent=${b.verdict}\" }");

            assertThat(result(build)).as(build.console()).isEqualTo("SUCCESS");
            assertThat(build.console()).contains("controller=PASS agent=PASS", "[healthGate] probing from agent")
                    .doesNotContain("NoClassDefFoundError");
        }
    }

    @Test
    void railwayUpUploadsFromTheAgentWithASecretTextCredential() throws Exception {
        try (FakeRailway railway = new FakeRailway()) {
            jenkins.secretText("packaged-railway-token", FakeRailway.PROJECT_TOKEN);
            RealBuild build = run("packaged-railway", "node('" + RealJenkins.AGENT_LABEL + "') {\n"
                    + "  writeFile file: 'backend/server.js', text: 'listen()'\n"
                    + "  def d = railwayUp service: 'api', environment: 'production', path: 'backend', pathAsRoot: true,"
                    + " credentialsId: 'packaged-railway-token', apiUrl: '" + railway.url() + "', pollInterval: '100ms'\n"
                    + "  echo \"deployed ${d.deploymentId}: ${d.verdict}\" }");

            assertThat(result(build)).as(build.console()).isEqualTo("SUCCESS");
            assertThat(build.console()).contains("deployed dep-1: PASSED").doesNotContain(FakeRailway.PROJECT_TOKEN);
            assertThat(railway.uploads()).hasSize(1);
        }
    }

    @Test
    void smokeAuthFlowReadsARealMailboxThroughTheJakartaMailPlugin() throws Exception {
        RealMailStack mail = RealMailStack.get();
        jenkins.usernamePassword("packaged-inbox", mail.user(), mail.password());
        try (MagicLinkApp app = MagicLinkApp.start(mail.host(), mail.smtpPort(), MagicLinkApp.Style.MULTIPART)) {
            RealBuild build = run("packaged-smoke", "node('" + RealJenkins.AGENT_LABEL + "') {\n"
                    + "  writeFile file: 'mail.pem', text: '''" + Files.readString(mail.certificate()) + "'''\n"
                    + "  def s = smokeAuthFlow baseUrl: '" + app.baseUrl() + "', email: '" + mail.user() + "',"
                    + " mailbox: '" + mail.imapUri() + "', mailboxCredentialsId: 'packaged-inbox',"
                    + " mailboxTrustStore: 'mail.pem', timeout: '90s', warnOnly: ['Retry-After honoured']\n"
                    + "  echo \"smoke passed=${s.passed}\" }");

            assertThat(result(build)).as(build.console()).isEqualTo("SUCCESS");
            assertThat(build.console()).contains("smoke passed=true").doesNotContain(mail.password());
        }
    }

    @Test
    void dockerRebuildRunsOnTheAgentAgainstTheRealEngine() throws Exception {
        RealDockerEngine engine = RealDockerEngine.shared();
        try (RealComposeApp app = new RealComposeApp(engine, root, "packaged")) {
            app.release("packaged-v1").compose("services:\n" + web(""));
            RealBuild build = run("packaged-docker", "node('" + RealJenkins.AGENT_LABEL + "') {\n"
                    + "  withEnv(['DOCKER_CONFIG=" + engine.environment().get("DOCKER_CONFIG") + "']) {\n"
                    + "    dir('" + app.dir + "') {\n"
                    + "      def d = dockerRebuild projectName: '" + app.project + "', dockerHost: '"
                    + engine.dockerHost() + "', pull: false, stableFor: '1s', reportDir: 'reports'\n"
                    + "      echo \"compose ${d.verdict}\" } } }");

            assertThat(result(build)).as(build.console()).isEqualTo("SUCCESS");
            assertThat(build.console()).contains("compose passed");
            assertThat(app.fetch()).isEqualTo("packaged-v1");
        }
    }

    @Test
    void everyStepsHelpIsServedByThePlugin() throws Exception {
        for (Class<?> step : new Class<?>[] {HealthGateStep.class, RailwayUpStep.class, RailwayRollbackStep.class,
                DockerRebuildStep.class, DockerRollbackStep.class, SmokeAuthFlowStep.class, DeployGatesReportStep.class}) {
            String jelly;
            try (InputStream in = step.getResourceAsStream(step.getSimpleName() + "/config.jelly")) {
                jelly = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Matcher field = Pattern.compile("field=\"(\\w+)\"").matcher(jelly);
            while (field.find()) {
                JenkinsResponse help = jenkins.get("admin", "descriptorByName/" + step.getName() + "/help/" + field.group(1));
                assertThat(help.status()).as(step.getSimpleName() + " help of " + field.group(1)).isEqualTo(200);
                assertThat(help.text()).as(step.getSimpleName() + " help of " + field.group(1)).contains("<div>");
            }
        }
        JenkinsResponse snippet = jenkins.postForm("admin", "pipeline-syntax/generateSnippet", Map.of("json",
                "{\"stapler-class\": \"" + HealthGateStep.class.getName() + "\", \"url\": \"https://api.example/health\","
                        + " \"expectJson\": \"$.status == \\\"ok\\\"\\n$.db exists\"}"));
        assertThat(snippet.text()).isEqualTo("healthGate expectJson: ['$.status == \"ok\"', '$.db exists'],"
                + " url: 'https://api.example/health'");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void jenkinsClassFilterRefusedNoneOfThePluginsClasses() throws Exception {
        // after the builds above: anything the steps sent over the channel or kept with a build was trusted
        assertThat(Files.readAllLines(jenkins.home().resolve("jenkins.log")))
                .noneMatch(line -> line.contains("io.jenkins.plugins.deploygates")
                        && (line.contains("so rejecting") || line.contains("Rejected:")));
    }
}
