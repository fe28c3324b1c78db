package io.jenkins.plugins.deploygates.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import hudson.FilePath;
import hudson.model.Item;
import io.jenkins.plugins.deploygates.engine.railway.FakeRailway;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The summary in a real Jenkins: Pipelines run the steps against a loopback service and feed the other steps' and
 * the shared library's records through deployGatesReport; the build page, the summary page and the job page show
 * what they decided, to whoever may read the job and nobody else.
 */
@WithJenkins
class DeployGatesSummaryITest {
    private HttpServer service;

    @BeforeEach
    void startTheService() throws Exception {
        service = SummaryFixtures.service();
    }

    @AfterEach
    void stopTheService() {
        service.stop(0);
    }

    @Test
    void aPipelineThatNeverRendersTheReportStillShowsItsGatesOnTheBuildPage(JenkinsRule j) throws Exception {
        try (FakeRailway railway = new FakeRailway()) {
            railway.next(FakeRailway.script().statuses("BUILDING", "DEPLOYING", "CRASHED"));
            WorkflowJob job = pipeline(j, "gates-only", "healthGate url: '" + SummaryFixtures.url(service, "/health")
                    + "', interval: '50ms', timeout: '2m'\n"
                    + "healthGate url: '" + SummaryFixtures.url(service, "/broken") + "', interval: '50ms', timeout: '1s',"
                    + " failOnUnhealthy: false\n"
                    + "node { writeFile file: 'backend/server.js', text: 'listen()'\n"
                    + "  withEnv(['RAILWAY_TOKEN=" + FakeRailway.PROJECT_TOKEN + "']) {\n"
                    + "    try { railwayUp service: 'api', environment: 'production', path: 'backend', apiUrl: '"
                    + railway.url() + "', pollInterval: '10ms' } catch (e) { echo \"deploy failed: ${e.message}\" }\n"
                    + "  }\n"
                    + "}\n");

            WorkflowRun run = j.buildAndAssertSuccess(job);

            j.assertLogContains("deploy failed: railwayUp:", run);
            Document buildPage = page(j, null, run.getUrl());
            assertThat(buildPage.select("#deploy-gates-summary")).hasSize(1);
            assertThat(verdicts(buildPage.select("table.deploy-gates-gates tr[data-kind]")))
                    .containsExactly("health PASS", "health FAIL", "railway FAILED");
            assertThat(buildPage.select("table.deploy-gates-gates").text()).contains("samples 1", "time to healthy",
                    "status CRASHED");
            Document summary = page(j, null, run.getUrl() + "deploy-gates/");
            assertThat(summary.select("table.deploy-gates-gates tr[data-kind=health]").get(1).text())
                    .contains(SummaryFixtures.url(service, "/broken"), "not healthy within 1s");
            assertThat(summary.selectFirst("tr[data-kind=railway]").text()).contains("api \u00b7 production", "CRASHED");
            assertThat(Files.readString(new File(run.getRootDir(), "build.xml").toPath()))
                    .as("kept with the build").contains("DeployGatesSummaryAction", "Health gate", "Railway deploy");
        }
    }

    @Test
    void theReportFolderAddsThePromotionAndTheReportForReadersOfTheJobOnly(JenkinsRule j) throws Exception {
        onlyAliceReads(j);
        WorkflowJob job = pipeline(j, "deploy", SummaryFixtures.gateThenReport(service, "staging/health", "interval: '50ms'"));
        Path reports = reports(j, job);
        SummaryFixtures.promotion(reports, SummaryFixtures.COMMIT_PROMOTED, "promoted");
        j.buildAndAssertSuccess(job);
        reports = reports(j, job);
        SummaryFixtures.promotion(reports, SummaryFixtures.COMMIT_ROLLED_BACK, "rolled back");
        SummaryFixtures.smoke(reports.resolve("staging/smoke"));
        SummaryFixtures.railway(reports.resolve("production"));
        SummaryFixtures.compose(reports.resolve("production"));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        Document summary = page(j, "alice", run.getUrl() + "deploy-gates/");
        assertThat(verdicts(summary.select("table.deploy-gates-gates tr[data-kind]"))).as("the step's health verdict once, "
                + "read back from its record").containsExactlyInAnyOrder("health PASS", "smoke FAIL", "railway FAILED",
                "compose PASSED");
        Element health = summary.selectFirst("tr[data-kind=health]");
        assertThat(health.text()).contains("staging/health", "p95", "samples: 1");
        assertThat(summary.selectFirst("tr[data-kind=smoke]").text()).contains("2 of 3 passed", "invalid token rejected");
        assertThat(summary.selectFirst("tr[data-kind=railway]").text()).contains("d-prod-9", "CRASHED", "1m35s",
                "replaces: d-prod-8");
        assertThat(summary.selectFirst("tr[data-kind=compose]").text()).contains("web sha256:1b2c3d4e5f6a", "rolled back: no");
        assertThat(summary.selectFirst("td[data-outcome] .jenkins-badge").text()).isEqualTo("rolled back");
        assertThat(summary.selectFirst("table.deploy-gates-promotion code[data-commit]").text())
                .isEqualTo(SummaryFixtures.COMMIT_ROLLED_BACK);
        assertThat(summary.select("table.deploy-gates-approvals tr[data-user]").text())
                .contains("alice", "2026-11-27 10:00:00 UTC", "staging has soaked 24h54m of the required 24h");
        assertThat(summary.select("table.deploy-gates-refusals").text()).contains("bob", "four-eyes is on");
        assertThat(summary.select("table.deploy-gates-rollbacks tr[data-environment=production]").text())
                .contains("api: deployment d-prod-8 (SUCCESS)", "PASS", "healthy after 2s");
        assertThat(summary.html()).doesNotContain(SummaryFixtures.LEAKED_TOKEN).contains("token=****");
        assertThat(Files.readString(new File(run.getRootDir(), "build.xml").toPath()))
                .doesNotContain(SummaryFixtures.LEAKED_TOKEN);

        String report = summary.selectFirst("#deploy-gates-report-link").attr("href");
        assertThat(report).endsWith(run.getUrl() + "artifact/reports/deploy-gates-report.html");
        try (JenkinsRule.WebClient alice = client(j, "alice")) {
            assertThat(alice.goTo(report.substring(j.contextPath.length() + 1), "text/html").getWebResponse().getStatusCode())
                    .isEqualTo(200);
        }
        Document buildPage = page(j, "alice", run.getUrl());
        assertThat(buildPage.select("#deploy-gates-summary code[data-commit]").text()).isEqualTo("4f2a9c1e8b7d");
        assertThat(buildPage.select("#deploy-gates-summary").text()).contains("rolled back", "full report");
        assertThat(buildPage.select("table.deploy-gates-decisions tr[data-kind=approval]").text()).as("the approval on the"
                + " build page").contains("promoted by alice", "approved by alice at 2026-11-27 10:00:00 UTC",
                "1 answer did not count");
        assertThat(buildPage.select("table.deploy-gates-decisions tr[data-kind=rollback]").text()).as("the rollback on"
                + " the build page").contains("production", "PASS", "restored api: deployment d-prod-8 (SUCCESS)",
                "error rate 4.0% above 1.0%");

        Document jobPage = page(j, "alice", job.getUrl());
        assertThat(jobPage.select("tr[data-promotion=last]").text()).contains("rolled back", "4f2a9c1e8b7d", "#2");
        assertThat(jobPage.select("tr[data-promotion=promoted]").text()).contains("promoted", "1111111111aa", "#1");

        try (JenkinsRule.WebClient anonymous = j.createWebClient(); JenkinsRule.WebClient bob = client(j, "bob")) {
            anonymous.assertFails(run.getUrl() + "deploy-gates/", 403);
            bob.assertFails(run.getUrl() + "deploy-gates/", 404);
            bob.assertFails(job.getUrl(), 404);
        }
    }

    @Test
    void theNightlyJobsPageShowsTheLastCheckOfEachEnvironment(JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, "nightly", SummaryFixtures.gateThenReport(service, "staging/health", "interval: '50ms'"));
        Path reports = reports(j, job);
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("nightly-check.json"), "{\"kind\":\"nightly-check\",\"worst\":\"FAIL\","
                + "\"environments\":[{\"name\":\"production\",\"worst\":\"FAIL\",\"checks\":[{\"name\":\"health\","
                + "\"status\":\"FAIL\",\"text\":\"FAIL, p95 0ms\"}]}]}");
        j.buildAndAssertSuccess(job);
        reports = reports(j, job);
        SummaryFixtures.nightlyCheck(reports);

        WorkflowRun run = j.buildAndAssertSuccess(job);

        Document jobPage = page(j, null, job.getUrl());
        assertThat(jobPage.select("#deploy-gates-nightly-build").text()).contains("#2", "WARN");
        assertThat(jobPage.select("table.deploy-gates-nightly tr[data-environment]").stream()
                .map(r -> r.attr("data-environment") + " " + r.selectFirst("td .jenkins-badge").text())
                .collect(Collectors.toList())).containsExactly("staging OK", "production WARN");
        assertThat(jobPage.select("tr[data-environment=production] div[data-check=tls]").text())
                .contains("WARN", "certificate expires in 12 days");
        assertThat(page(j, null, run.getUrl()).select("table.deploy-gates-nightly tr[data-environment]")).hasSize(2);
    }

    @Test
    void thousandsOfSamplesAndSixtyRecordsKeepTheBuildRecordSmall(JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, "big", "node { archiveArtifacts(artifacts: deployGatesReport(dir: 'reports')) }\n");
        Path reports = reports(j, job);
        StringBuilder samples = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            samples.append(i == 0 ? "" : ",").append("{\"target\":\"https://api.example.com/health\",\"phase\":\"WATCH\","
                    + "\"atMs\":").append(i * 50).append(",\"latencyMs\":").append(20 + i % 7)
                    .append(",\"outcome\":\"SUCCESS\",\"status\":200}");
        }
        Files.createDirectories(reports.resolve("production/watch"));
        Files.writeString(reports.resolve("production/watch/health-gate.json"), "{\"kind\":\"healthGate\",\"targets\":"
                + "[\"https://api.example.com/health\"],\"verdict\":{\"healthy\":true,\"verdict\":\"PASS\",\"reason\":\"ok\","
                + "\"counts\":{\"success\":20000,\"failure\":0,\"error\":0},\"p95Ms\":26,\"timeToHealthyMs\":0,"
                + "\"durationMs\":1000000,\"samples\":[" + samples + "]}}");
        for (int i = 0; i < 60; i++) {
            Files.createDirectories(reports.resolve("services/" + i));
            Files.writeString(reports.resolve("services/" + i + "/railway-up-svc" + i + ".json"), "{\"operation\":"
                    + "\"railway-up\",\"deploymentId\":\"d-" + i + "\",\"status\":\"SUCCESS\",\"verdict\":\"PASSED\","
                    + "\"reason\":\"" + "x".repeat(5_000) + "\"}");
        }

        WorkflowRun run = j.buildAndAssertSuccess(job);

        String buildXml = Files.readString(new File(run.getRootDir(), "build.xml").toPath(), StandardCharsets.UTF_8);
        assertThat(buildXml).doesNotContain("latencyMs").doesNotContain("xxxxxxxxxx".repeat(50));
        assertThat(buildXml.length()).as("build.xml").isLessThan(120_000);
        Document summary = page(j, null, run.getUrl() + "deploy-gates/");
        assertThat(summary.select("table.deploy-gates-gates tr[data-kind]")).hasSize(50);
        assertThat(summary.text()).contains("11 more verdicts are in the full report only");
        assertThat(summary.selectFirst("tr[data-kind=health]").text()).contains("samples: 20000");
    }

    private static WorkflowJob pipeline(JenkinsRule j, String name, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    /** The job's report folder on the built-in node, emptied: each build reads only what the test put there. */
    private static Path reports(JenkinsRule j, WorkflowJob job) throws Exception {
        FilePath folder = j.jenkins.getWorkspaceFor(job).child("reports");
        folder.deleteRecursive();
        folder.mkdirs();
        return Path.of(folder.getRemote());
    }

    private static void onlyAliceReads(JenkinsRule j) {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("alice")
                .grant(Jenkins.READ).everywhere().to("bob"));
    }

    private static JenkinsRule.WebClient client(JenkinsRule j, String user) throws Exception {
        JenkinsRule.WebClient client = j.createWebClient();
        client.getOptions().setJavaScriptEnabled(false);
        return user == null ? client : client.login(user);
    }

    /** The page as Jenkins rendered it (no script run), read with CSS selectors. */
    private static Document page(JenkinsRule j, String user, String url) throws Exception {
        try (JenkinsRule.WebClient client = client(j, user)) {
            return Jsoup.parse(client.goTo(url).getWebResponse().getContentAsString());
        }
    }

    private static List<String> verdicts(List<Element> rows) {
        return rows.stream().map(r -> r.attr("data-kind") + " " + r.selectFirst(".jenkins-badge").text())
                .collect(Collectors.toList());
    }
}
