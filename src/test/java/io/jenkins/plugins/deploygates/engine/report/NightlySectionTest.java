package io.jenkins.plugins.deploygates.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nightly check's nightly-check.json on the report page: the worst status, each environment and its checks. */
class NightlySectionTest {
    @TempDir
    Path dir;

    @Test
    void eachEnvironmentShowsItsWorstStatusAndEveryCheck() throws Exception {
        try (InputStream in = getClass().getResourceAsStream(
                "/io/jenkins/plugins/deploygates/engine/summary/nightly-check.json")) {
            Files.copy(in, dir.resolve("nightly-check.json"));
        }
        Files.writeString(dir.resolve("other.json"), "{\"kind\":\"nightly-check\",\"worst\":\"OK\"}");

        Document page = Jsoup.parse(DeployGatesReportTest.report().render(dir));

        assertThat(page.select("section#nightly article.card.nightly")).hasSize(1);
        assertThat(page.selectFirst("article.nightly .card-head .badge").text()).isEqualTo("WARN");
        assertThat(DeployGatesReportTest.rows(page, "table.environments")).extracting(r -> r.get(0) + " " + r.get(1))
                .containsExactly("staging OK", "production WARN");
        assertThat(page.select("table.environments tr.warn td[data-col=checks] div.check").eachText())
                .containsExactly("OK health: PASS, p95 31ms", "OK drift: serves 4f2a9c1e, the last promoted commit",
                        "WARN tls: certificate expires in 12 days");
        assertThat(page.select("footer li").eachText()).contains("nightly-check.json");
        assertThat(page.select("footer ul.skipped li").text()).contains("other.json");
    }
}
