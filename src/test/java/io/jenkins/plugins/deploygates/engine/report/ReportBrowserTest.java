package io.jenkins.plugins.deploygates.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in a real browser (Debian's chromium, headless, no network): the DOM chromium built holds the
 * charts and tables with the records' values, and the page renders to a screenshot with its colours.
 */
class ReportBrowserTest {
    @TempDir
    static Path dir;
    private static Chromium chromium;
    private static Path page;
    /** The DOM chromium built from the page, dumped once for the DOM tests. */
    private static Document dom;

    @BeforeAll
    static void renderTheFixture() throws Exception {
        Optional<Chromium> found = Chromium.find(dir);
        assumeTrue(found.isPresent(), "chromium not found on the PATH (or $CHROMIUM): install Debian's chromium, "
                + "as .ci/run does, to run the browser test");
        chromium = found.get();
        page = new DeployGatesReport(Redactor.byShape(), DeployGatesReportTest.CLOCK)
                .write(ReportFixture.full(dir.resolve("reports")), null);
        dom = Jsoup.parse(chromium.dumpDom(page));
    }

    @Test
    void theBrowsersDomHoldsEveryChartWithItsMarksAndFigures() throws Exception {
        assertThat(dom.select("svg.chart")).hasSize(3);
        Element staging = DeployGatesReportTest.chart(dom, ReportFixture.STAGING);
        assertThat(DeployGatesReportTest.points(staging)).isEqualTo(40);
        assertThat(staging.select("circle.fail-mark")).hasSize(3);
        Element api = DeployGatesReportTest.chart(dom, ReportFixture.API);
        assertThat(api.attr("data-samples")).isEqualTo("10000");
        assertThat(DeployGatesReportTest.points(api)).isLessThanOrEqualTo(2 * LatencyChart.COLUMNS)
                .isEqualTo(Integer.parseInt(api.attr("data-drawn")));
        assertThat(api.select("circle.fail-mark")).hasSize(50);
        assertThat(api.selectFirst("text.p95-label").text()).isEqualTo("p95 " + apiP95() + " ms");
        Element ws = DeployGatesReportTest.chart(dom, ReportFixture.WS);
        assertThat(ws.select("circle.fail-mark")).isEmpty();
        assertThat(DeployGatesReportTest.stat(dom.selectFirst("dl.stats[data-target=" + ReportFixture.API + "]"), "failed"))
                .isEqualTo("50 (0.5%)");
    }

    @Test
    void theBrowsersDomHoldsTheTablesAndTheTimeline() throws Exception {
        assertThat(DeployGatesReportTest.rows(dom, "table.services")).extracting(r -> r.get(0) + " " + r.get(2))
                .containsExactly("web running", "worker running", "cache exited");
        assertThat(DeployGatesReportTest.rows(dom, "table.checks")).extracting(r -> r.get(1))
                .containsExactly("passed", "passed", "failed");
        assertThat(dom.selectFirst("table.deployments code.deployment-id").text()).isEqualTo(ReportFixture.DEPLOYMENT_ID);
        assertThat(dom.select("table.deployments a")).extracting(a -> a.attr("href"))
                .allMatch(href -> href.startsWith("https://railway.com/") && href.endsWith(ReportFixture.DEPLOYMENT_ID));
        assertThat(dom.select("ol.timeline li.event")).hasSize(12);
        assertThat(dom.select("li.event.fail")).extracting(e -> e.attr("data-kind")).containsExactly("refusal", "gate");
        assertThat(dom.select("script")).isEmpty();
    }

    @Test
    void theScreenshotShowsThePageWithPassAndFailColours() throws Exception {
        Path png = dir.resolve("report.png");

        chromium.screenshot(page, png, 1280, 2000);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(2000);
        assertThat(Files.size(png)).isGreaterThan(20_000);
        assertThat(count(image, 0xcf222e)).as("red of failure marks and badges").isGreaterThan(200);
        assertThat(count(image, 0x1a7f37)).as("green of passed badges").isGreaterThan(50);
        assertThat(count(image, 0x2563eb)).as("blue of the latency line").isGreaterThan(200);
        keepForPeople(png);
    }

    /** A copy under target/ so a person (or CI's archive) can look at what the browser drew. */
    private static void keepForPeople(Path png) throws java.io.IOException {
        Path kept = Path.of("target", "report-browser");
        Files.createDirectories(kept);
        Files.copy(png, kept.resolve("report.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(page, kept.resolve(DeployGatesReport.FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static long apiP95() {
        long[] latencies = java.util.stream.IntStream.range(0, 10_000).mapToLong(ReportFixture::apiLatency).toArray();
        return ReportFixture.p95(latencies);
    }

    /** Pixels within a small distance of the colour (anti-aliasing blends edges). */
    private static long count(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                n += close(image.getRGB(x, y), rgb) ? 1 : 0;
            }
        }
        return n;
    }

    private static boolean close(int a, int b) {
        return List.of(16, 8, 0).stream().allMatch(s -> Math.abs(((a >> s) & 0xff) - ((b >> s) & 0xff)) <= 24);
    }
}
