package io.jenkins.plugins.deploygates.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered page holds the records' values, in the right places, from whatever records are present. */
class DeployGatesReportTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** The full fixture holds 10,000 samples: write and render it once for the tests that only read it. */
    private static Document full;

    @BeforeAll
    static void renderTheFullFixture(@TempDir Path fullDir) throws Exception {
        full = render(ReportFixture.full(fullDir));
    }

    static Document render(Path dir) throws Exception {
        return Jsoup.parse(report().render(dir));
    }

    /** The report as the tests use it: warnings (skipped records) are checked where they matter, dropped here. */
    static DeployGatesReport report() {
        return new DeployGatesReport(Redactor.byShape(), CLOCK, ProgressLog.discard());
    }

    @Test
    void healthGatesInSubFoldersGetAChartPerTargetWithExactFiguresPerPhase() throws Exception {
        Document page = full;

        assertThat(page.select("article.gate")).extracting(e -> e.attr("data-source"))
                .containsExactly("production/health-gate.json", "staging/health-gate.json");
        assertThat(page.select("svg.chart")).extracting(e -> e.attr("data-target"))
                .containsExactly(ReportFixture.API, ReportFixture.WS, ReportFixture.STAGING);
        Element staging = chart(page, ReportFixture.STAGING);
        long[] watched = java.util.Arrays.copyOfRange(ReportFixture.STAGING_LATENCIES, 20, 40);
        assertThat(staging.attr("data-samples")).isEqualTo("40");
        assertThat(staging.select("circle.fail-mark")).hasSize(3);
        assertThat(staging.attr("data-p95")).isEqualTo(String.valueOf(ReportFixture.p95(watched)));
        assertThat(points(staging)).isEqualTo(40);
        Element await = stats(page, ReportFixture.STAGING, "await");
        assertThat(stat(await, "probes")).isEqualTo("20");
        assertThat(stat(await, "not ready")).isEqualTo("3");
        assertThat(stat(await, "time to healthy")).isEqualTo("1.5 s");
        Element watch = stats(page, ReportFixture.STAGING, "watch");
        assertThat(stat(watch, "samples")).isEqualTo("20");
        assertThat(stat(watch, "failed")).isEqualTo("0 (0.0%)");
        assertThat(stat(watch, "p95")).isEqualTo(ReportFixture.p95(watched) + " ms");
        assertThat(staging.select("rect.watch")).hasSize(1);
    }

    @Test
    void composeServicesShowEveryContainerAndTheRollback() throws Exception {
        Document page = full;

        List<List<String>> rows = rows(page, "table.services");
        assertThat(rows).containsExactly(
                List.of("web", "shop-web-1", "running", "healthy", "sha256:4f1a2b3c4d5e", "0"),
                List.of("worker", "shop-worker-1", "running", "none", "sha256:9e8d7c6b5a41", "2"),
                List.of("cache", "shop-cache-1", "exited", "unhealthy", "sha256:0a1b2c3d4e5f", "1"));
        assertThat(page.select("table.services tbody tr").last().hasClass("fail")).isTrue();
        assertThat(page.select("article.docker [data-rolled-back]").text()).contains("Rolled back");
    }

    @Test
    void smokeChecksKeyedByNameBecomeRows() throws Exception {
        Document page = full;

        assertThat(rows(page, "table.checks")).containsExactly(
                List.of("login page", "passed", "200", "45 ms", "—"),
                List.of("magic link sent", "passed", "202", "130 ms", "—"),
                List.of("link opens a session", "failed", "401", "61 ms", "expected a session cookie, got none"));
        assertThat(page.selectFirst("article.smoke .badge").text()).isEqualTo("2 of 3 passed");
    }

    @Test
    void railwayDeploymentsLinkToTheDeploymentAndItsLogs() throws Exception {
        Document page = full;

        assertThat(page.selectFirst("table.deployments code.deployment-id").text()).isEqualTo(ReportFixture.DEPLOYMENT_ID);
        assertThat(page.selectFirst("table.deployments .replaced").text())
                .isEqualTo("replaces c1d2e3f4-0000-4000-8000-000000000001");
        assertThat(page.select("table.deployments a")).extracting(a -> a.text() + " " + a.attr("href")).containsExactly(
                "deployment https://railway.com/project/p1/service/s1?id=" + ReportFixture.DEPLOYMENT_ID,
                "logs https://railway.com/project/p1/logs?deployment=" + ReportFixture.DEPLOYMENT_ID);
        assertThat(page.select("ol.history li")).extracting(Element::text)
                .containsExactly("INITIALIZING 11:30:30Z", "BUILDING 11:30:41Z", "DEPLOYING 11:31:40Z", "SUCCESS 11:32:00Z");
    }

    @Test
    void thePromotionTimelineListsEveryStepInTimeOrder() throws Exception {
        Document page = full;

        assertThat(page.select("ol.timeline li.event")).extracting(e -> e.attr("data-kind")).containsExactly(
                "run", "deploy", "gate", "smoke", "refusal", "approval", "promotion", "migrations", "deploy", "gate",
                "rollback", "run");
        Element approval = page.selectFirst("li.event[data-kind=approval]");
        assertThat(approval.text()).contains("approved by alice", "soak overridden", "hotfix for checkout", "T+1 h 29 m");
        assertThat(page.selectFirst("li.event[data-kind=deploy]").text()).contains("staging", "took 1 m 35 s",
                "deployment stg-1111");
        assertThat(page.selectFirst("li.event[data-kind=rollback]").hasClass("warn")).isTrue();
        assertThat(page.selectFirst("article.promotion .card-head").text()).contains("shop/deploy #42", "rolled back");
        assertThat(page.selectFirst("article.promotion p.muted").text()).contains("9c1e5b7d2a4f", "took 1 h 50 m");
    }

    @Test
    void strayFilesAreListedAsSkippedWithWhyAndSectionsWithoutRecordsAreLeftOut() throws Exception {
        Json.write(dir.resolve("smoke-auth.json"), ReportFixture.smoke());
        Files.writeString(dir.resolve("railway-up.json"), "{\"deploymentId\": \"half-writ");
        Files.writeString(dir.resolve("health-gate-junit.xml"), "<testsuite/>");

        Document page = render(dir);

        assertThat(page.select("main > section")).extracting(e -> e.id()).containsExactly("smoke");
        assertThat(page.select("footer ul.skipped li")).extracting(Element::text)
                .containsExactly("railway-up.json not valid JSON (line 1, column 28)");
        assertThat(page.select("footer ul.read li")).extracting(Element::text).containsExactly("smoke-auth.json");
        assertThat(page.select("script, img, iframe, object, style, [style]")).isEmpty();
        assertThat(page.select("link")).extracting(l -> l.attr("rel") + " " + l.attr("href"))
                .containsExactly("stylesheet deploy-gates-report.css");
        assertThat(page.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"))
                .isEqualTo("default-src 'none'; style-src 'self'");
    }

    @Test
    void aDirectoryWithoutRecordsOrNoDirectoryAtAllIsAUserMistake() throws Exception {
        Files.writeString(dir.resolve("notes.json"), "{}");
        DeployGatesReport report = report();

        assertThatThrownBy(() -> report.render(dir)).isInstanceOf(ConfigurationException.class)
                .hasMessage("dir '" + dir + "' holds no readable Deploy Gates record: notes.json: not a Deploy Gates "
                        + "record.");
        assertThatThrownBy(() -> report.render(dir.resolve("missing"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> report.render(Files.createDirectories(dir.resolve("empty"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("dir '" + dir.resolve("empty") + "' holds no Deploy Gates record (");
    }

    @Test
    void writesThePageAndItsStylesheetInsideTheDirectory() throws Exception {
        Json.write(dir.resolve("docker-rebuild.json"), ReportFixture.docker());

        DeployGatesReport.Written written = report().write(dir, null);

        assertThat(written.page()).isEqualTo(dir.resolve("deploy-gates-report.html").toAbsolutePath());
        assertThat(written.stylesheet()).isEqualTo(dir.resolve("deploy-gates-report.css").toAbsolutePath());
        assertThat(Files.readString(written.page())).startsWith("<!DOCTYPE html>").contains("shop-worker-1");
        assertThat(Files.readString(written.stylesheet())).contains(".card{").doesNotContain("<html");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                .containsExactlyInAnyOrder("docker-rebuild.json", "deploy-gates-report.html", "deploy-gates-report.css");
    }

    @Test
    void writesTheStylesheetBesideAPageGivenElsewhere() throws Exception {
        Json.write(dir.resolve("records/docker-rebuild.json"), ReportFixture.docker());

        DeployGatesReport.Written written = report().write(dir.resolve("records"), dir.resolve("site/index.html"));

        assertThat(written.page()).isEqualTo(dir.resolve("site/index.html"));
        assertThat(written.stylesheet()).isEqualTo(dir.resolve("site/deploy-gates-report.css"));
        assertThat(written.stylesheet()).exists();
    }

    @Test
    void aPageNamedAfterAFolderOrTheStylesheetIsAUserMistake() throws Exception {
        Json.write(dir.resolve("records/docker-rebuild.json"), ReportFixture.docker());
        Path site = Files.createDirectories(dir.resolve("site"));

        assertThatThrownBy(() -> report().write(dir.resolve("records"), site)).isInstanceOf(ConfigurationException.class)
                .hasMessage("out '" + site + "' is a folder: give the page's file name, such as " + site.resolve("index.html")
                        + ".");
        assertThatThrownBy(() -> report().write(dir.resolve("records"), site.resolve("deploy-gates-report.css")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("is the stylesheet's name");
        assertThat(site).isEmptyDirectory();
    }

    @Test
    void unknownValueTypesDoNotStopTheReport() throws Exception {
        Json.write(dir.resolve("docker-rebuild.json"), Map.of("services", List.of(Map.of("name", List.of(1),
                "restarts", "many", "state", Map.of("x", 1)), "not an object"), "rolledBack", "yes"));

        Document page = render(dir);

        assertThat(rows(page, "table.services")).hasSize(2);
    }

    @Test
    void aRecordWithExplicitStagesShowsThemWithTheirDurations() throws Exception {
        Json.write(dir.resolve("promotion-record.json"), Map.of("outcome", "timed out, not promoted",
                "startedAt", "2026-11-24T10:00:00Z", "environments", Map.of(), "stages", List.of(
                        Map.of("name", "tests", "startedAt", "2026-11-24T10:00:05Z", "durationMs", 61_000,
                                "result", "SUCCESS"),
                        Map.of("name", "approval", "startedAt", "2026-11-24T10:01:10Z", "result", "timed out"))));

        Document page = render(dir);

        assertThat(page.select("li.event[data-kind=stage]")).extracting(Element::text).containsExactly(
                "T+5 s 10:00:05Z tests SUCCESS took 1 m 1 s", "T+1 m 10 s 10:01:10Z approval timed out +1 m 5 s");
        assertThat(page.selectFirst("article.promotion .card-head .badge").hasClass("warn")).isTrue();
    }

    @Test
    void aFailedGateIsRedAndSaysWhy() throws Exception {
        Json.write(dir.resolve("health-gate.json"), ReportFixture.healthGate(List.of(ReportFixture.API), List.of(
                ReportFixture.sample(ReportFixture.API, "AWAIT", 0, 5000, false, null, "timed out after 5s")),
                false, "not healthy within 5s", 5000, -1));

        Document page = render(dir);

        assertThat(page.selectFirst("article.gate .card-head .badge").text()).isEqualTo("FAIL");
        assertThat(page.selectFirst("article.gate .card-head .badge").hasClass("fail")).isTrue();
        assertThat(page.selectFirst("article.gate p.reason").text()).isEqualTo("not healthy within 5s");
        Element stats = stats(page, ReportFixture.API, "await");
        assertThat(stats.selectFirst("[data-stat=failed]").hasClass("fail")).isTrue();
        assertThat(stat(stats, "time to healthy")).isEqualTo("never");
        assertThat(page.select("dl.stats[data-phase=watch]")).isEmpty();
        assertThat(page.select("circle.fail-mark title").text()).isEqualTo("0 ms: error: timed out after 5s (5000 ms)");
    }

    static Element chart(Document page, String target) {
        return page.selectFirst("svg.chart[data-target=" + target + "]");
    }

    static Element stats(Document page, String target, String phase) {
        return page.selectFirst("dl.stats[data-target=" + target + "][data-phase=" + phase + "]");
    }

    static int points(Element chart) {
        String points = chart.selectFirst("polyline.latency").attr("points").trim();
        return points.isEmpty() ? 0 : points.split("\\s+").length;
    }

    static String stat(Element stats, String name) {
        return stats.selectFirst("[data-stat=" + name + "] dd").text();
    }

    static List<List<String>> rows(Document page, String table) {
        return page.select(table + " tbody tr").stream()
                .map(tr -> tr.select("td").stream().map(Element::text).collect(Collectors.toList()))
                .collect(Collectors.toList());
    }
}
