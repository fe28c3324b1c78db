package io.jenkins.plugins.deploygates.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records nobody here controls, crafted as an attacker (or a crash) would leave them: one bad record never stops
 * the page, it is skipped with a line naming the file and why; a link never leads the report out of its folder;
 * a link planted at the page's or the stylesheet's name is replaced, never written through.
 */
class HostileRecordsTest {
    @TempDir
    Path dir;
    private final List<String> log = new ArrayList<>();

    private DeployGatesReport report() {
        return new DeployGatesReport(Redactor.byShape(), DeployGatesReportTest.CLOCK, log::add);
    }

    private Document write(Path reports) throws Exception {
        return Jsoup.parse(Files.readString(report().write(reports, null).page()));
    }

    /** A good record beside the hostile one, to show the page is still made from it. */
    private Path withAGoodRecord() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Json.write(reports.resolve("docker-rebuild.json"), ReportFixture.docker());
        return reports;
    }

    @Test
    void aLoneSurrogateIsShownAsAReplacementCharacter() throws Exception {
        Path reports = withAGoodRecord();
        Files.writeString(reports.resolve("smoke-auth.json"),
                "{\"checks\": [{\"name\": \"half a character \\ud800 here\", \"passed\": true}]}");

        Document page = write(reports);

        assertThat(page.selectFirst("table.checks td[data-col=check]").text()).isEqualTo("half a character \uFFFD here");
        assertThat(page.select("table.services tbody tr")).hasSize(3);
    }

    @Test
    void timestampsAtTheEndsOfIsoTimeDoNotStopThePage() throws Exception {
        Path reports = withAGoodRecord();
        Json.write(reports.resolve("promotion-record.json"), Map.of("outcome", "promoted",
                "startedAt", "-999999999-01-01T00:00:00Z", "finishedAt", "+999999999-12-31T23:59:59Z",
                "environments", Map.of("production", Map.of("deployments", List.of(Map.of("deploymentId", "d-1",
                        "status", "SUCCESS", "at", "+999999999-06-01T00:00:00Z", "durationMs", Long.MAX_VALUE))))));

        Document page = write(reports);

        assertThat(page.select("ol.timeline li.event")).hasSize(3);
        assertThat(page.selectFirst("li.event[data-kind=deploy]").text()).contains("deployment d-1");
        assertThat(log).isEmpty();
    }

    @Test
    void aJsonLinkToAFileOutsideTheFolderIsNotFollowed() throws Exception {
        Path reports = withAGoodRecord();
        Path secret = dir.resolve("elsewhere/smoke-auth.json");
        Json.write(secret, Map.of("flow", "private-marker-7f3a", "checks", List.of(Map.of("name", "x", "passed", true))));
        Files.createSymbolicLink(reports.resolve("smoke-auth.json"), secret);

        Document page = write(reports);

        assertThat(page.outerHtml()).doesNotContain("private-marker-7f3a");
        assertThat(page.select("article.smoke")).isEmpty();
        assertThat(log).containsExactly("skipped smoke-auth.json: a link to a file outside the report folder: not followed");
        assertThat(page.selectFirst("footer ul.skipped li[data-path=smoke-auth.json]").text())
                .isEqualTo("smoke-auth.json a link to a file outside the report folder: not followed");
    }

    @Test
    void aJsonLinkThatStaysInsideTheFolderIsRead() throws Exception {
        Path reports = withAGoodRecord();
        Json.write(reports.resolve("runs/42/smoke-auth.json"), ReportFixture.smoke());
        Files.createDirectories(reports.resolve("latest"));
        Files.createSymbolicLink(reports.resolve("latest/smoke-auth.json"), Path.of("../runs/42/smoke-auth.json"));

        Document page = write(reports);

        assertThat(page.select("article.smoke")).extracting(e -> e.attr("data-source"))
                .containsExactly("latest/smoke-auth.json", "runs/42/smoke-auth.json");
        assertThat(log).isEmpty();
    }

    @Test
    void aCorruptRecordAmongGoodOnesIsNamedInTheLogAndInTheFooter() throws Exception {
        Path reports = withAGoodRecord();
        Files.writeString(Files.createDirectories(reports.resolve("staging")).resolve("health-gate.json"),
                "{\"verdict\": {\"healthy\": tr");

        Document page = write(reports);

        assertThat(log).containsExactly("skipped staging/health-gate.json: not valid JSON (line 1, column 27)");
        assertThat(page.select("footer ul.skipped li")).extracting(Element::text)
                .containsExactly("staging/health-gate.json not valid JSON (line 1, column 27)");
        assertThat(page.select("footer ul.read li")).extracting(Element::text).containsExactly("docker-rebuild.json");
    }

    @Test
    void aRecordWhoseCardBreaksIsLeftOutAndNamedAndTheOthersShow() {
        Cards cards = new Cards();
        Source good = new Source("good.json", Json.MAPPER.createObjectNode());
        Source bad = new Source("bad.json", Json.MAPPER.createObjectNode());

        String page = cards.each(List.of(bad, good), s -> {
            if (s == bad) {
                throw new ArithmeticException("long overflow");
            }
            return "<card>";
        });

        assertThat(page).isEqualTo("<card>");
        assertThat(cards.unshown).extracting(Object::toString).containsExactly("bad.json: could not be shown (ArithmeticException)");
        assertThat(cards.shown(List.of(bad, good))).containsExactly(good);
    }

    @Test
    void linksPlantedAtThePagesAndTheStylesheetsNamesAreReplacedNotWrittenThrough() throws Exception {
        Path reports = withAGoodRecord();
        Path precious = Files.writeString(Files.createDirectories(dir.resolve("outside")).resolve("precious.txt"), "keep me");
        Path alsoPrecious = Files.writeString(dir.resolve("outside/also.txt"), "keep me too");
        Files.createSymbolicLink(reports.resolve(DeployGatesReport.FILE), precious);
        Files.createSymbolicLink(reports.resolve(DeployGatesReport.STYLESHEET), alsoPrecious);

        report().write(reports, null);

        assertThat(precious).hasContent("keep me");
        assertThat(alsoPrecious).hasContent("keep me too");
        assertThat(Files.isSymbolicLink(reports.resolve(DeployGatesReport.FILE))).isFalse();
        assertThat(Files.isSymbolicLink(reports.resolve(DeployGatesReport.STYLESHEET))).isFalse();
        assertThat(reports.resolve(DeployGatesReport.STYLESHEET)).content().contains(".card{");
    }

    @Test
    void theWalkNamesWhatItDoesNotEnter() throws Exception {
        Path reports = withAGoodRecord();
        Path deep = reports;
        for (int i = 0; i < 9; i++) {
            deep = deep.resolve("d" + i);
        }
        Json.write(deep.resolve("smoke-auth.json"), ReportFixture.smoke());
        Files.createSymbolicLink(reports.resolve("elsewhere"), Files.createDirectories(dir.resolve("elsewhere")));

        write(reports);

        assertThat(log).containsExactly("skipped d0/d1/d2/d3/d4/d5/d6/d7/: a folder deeper than 8 levels: not read",
                "skipped elsewhere: a link to a folder: not followed");
    }
}
