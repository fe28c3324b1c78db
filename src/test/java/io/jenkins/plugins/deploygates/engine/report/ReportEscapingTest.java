package io.jenkins.plugins.deploygates.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records are data, never markup: hostile strings show as text, links only go to the web, secrets never show. */
class ReportEscapingTest {
    static final String SCRIPT = "<script>alert('x')</script>";
    static final String ATTR_BREAK = "\" onmouseover=\"alert(1)";
    static final String KNOWN_SECRET = "s3cr3t-railway-token-value";

    @TempDir
    Path dir;

    @Test
    void markupInEveryKindOfRecordIsShownAsText() throws Exception {
        String target = "https://x.example/" + SCRIPT + ATTR_BREAK;
        Json.write(dir.resolve("health-gate.json"), ReportFixture.healthGate(List.of(target),
                List.of(ReportFixture.sample(target, "AWAIT", 0, 12, false, 500, SCRIPT)), false, SCRIPT, 100, -1));
        Json.write(dir.resolve("docker-rebuild.json"), Map.of("step", SCRIPT, "services",
                List.of(Map.of("name", SCRIPT, "container", ATTR_BREAK, "state", "<b>up</b>"))));
        Json.write(dir.resolve("smoke-auth.json"), Map.of("flow", SCRIPT, "checks",
                List.of(Map.of("name", SCRIPT, "passed", false, "reason", "</td></tr></table>" + SCRIPT))));
        Json.write(dir.resolve("promotion-record.json"), Map.of("job", SCRIPT, "outcome", SCRIPT,
                "environments", Map.of(SCRIPT, Map.of("gates", List.of(Map.of("gate", SCRIPT, "verdict", SCRIPT))))));

        String html = render(Redactor.byShape());
        Document page = Jsoup.parse(html);

        assertThat(html).doesNotContain("<script").doesNotContain("<b>up</b>").doesNotContain("onmouseover=\"");
        assertThat(page.select("script, b")).isEmpty();
        assertThat(page.select("[onmouseover]")).isEmpty();
        assertThat(page.select("svg.chart").attr("data-target")).isEqualTo(target);
        assertThat(page.selectFirst("table.checks td[data-col=reason]").text()).isEqualTo("</td></tr></table>" + SCRIPT);
        assertThat(page.selectFirst("table.services td[data-col=container]").text()).isEqualTo(ATTR_BREAK);
        assertThat(page.select("circle.fail-mark title").text()).contains("failure 500: " + SCRIPT);
    }

    @Test
    void onlyHttpLinksAreClickable() throws Exception {
        Map<String, Object> railway = new LinkedHashMap<>(ReportFixture.railway());
        railway.put("url", "javascript:alert(document.cookie)");
        railway.put("logsUrl", "data:text/html;base64,PHNjcmlwdD4=");
        railway.put("deploymentDomain", "backend-production.up.railway.app");
        Json.write(dir.resolve("railway-up.json"), railway);

        Document page = Jsoup.parse(render(Redactor.byShape()));

        assertThat(page.select("a")).extracting(a -> a.attr("href"))
                .containsExactly("https://backend-production.up.railway.app");
        assertThat(page.select("table.deployments td[data-col=links]").text())
                .contains("javascript:alert(document.cookie)");
    }

    @Test
    void secretsByShapeAndKnownSecretsNeverReachThePage() throws Exception {
        String url = "https://api.example.com/health?token=abc123def456&x=1";
        Json.write(dir.resolve("health-gate.json"), ReportFixture.healthGate(List.of(url),
                List.of(ReportFixture.sample(url, "AWAIT", 0, 12, false, 401,
                        "HTTP 401 with Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig")), false,
                "login failed with password=hunter2hunter2 for " + KNOWN_SECRET, 100, -1));
        Map<String, Object> railway = new LinkedHashMap<>(ReportFixture.railway());
        railway.put("logsUrl", "https://railway.com/logs?code=magic-0123456789");
        railway.put("reason", "deploy used " + KNOWN_SECRET);
        Json.write(dir.resolve("railway-up.json"), railway);

        String html = render(Redactor.byShape().with(KNOWN_SECRET));

        assertThat(html).doesNotContain("abc123def456").doesNotContain("eyJhbGciOiJIUzI1NiJ9")
                .doesNotContain("hunter2hunter2").doesNotContain(KNOWN_SECRET).doesNotContain("magic-0123456789")
                .contains("token=****").contains("code=****");
    }

    private String render(Redactor redactor) throws Exception {
        return new DeployGatesReport(redactor, DeployGatesReportTest.CLOCK, ProgressLog.discard()).render(dir);
    }
}
