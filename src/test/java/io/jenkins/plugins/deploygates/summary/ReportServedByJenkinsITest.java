package io.jenkins.plugins.deploygates.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import hudson.FilePath;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The pages as a user sees them in a browser: the archived report fetched from the build's artifacts with the
 * headers Jenkins sends and rendered by headless chromium from Jenkins' own URL, and the build, summary and job pages.
 * The screenshots stay in {@code target/jenkins-browser/} (the README's come from here).
 */
@WithJenkins
class ReportServedByJenkinsITest {
    /** {@code hudson.model.DirectoryBrowserSupport.CSP} as Jenkins ships it. */
    static final String JENKINS_DEFAULT_CSP = "sandbox allow-same-origin; default-src 'none'; img-src 'self'; style-src 'self';";
    private static final Path SCREENSHOTS = Path.of(System.getProperty("buildDirectory", "target"), "jenkins-browser");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private HttpServer service;

    @BeforeEach
    void startTheService() throws Exception {
        service = SummaryFixtures.service();
    }

    @AfterEach
    void stopTheService() {
        service.stop(0);
    }

    /**
     * Every fact is gathered first (the screenshot is kept whatever happens) and every assertion reported, so one run
     * says all that is wrong with the page as served.
     */
    @Test
    void theArchivedReportIsServedWithJenkinsPolicyAndChromiumRendersItStyled(JenkinsRule j) throws Exception {
        WorkflowRun run = deploy(j, SummaryFixtures.COMMIT_ROLLED_BACK, "rolled back");
        URI page = URI.create(j.getURL() + run.getUrl() + "artifact/reports/deploy-gates-report.html");
        Path png = SCREENSHOTS.resolve("report-served-by-jenkins.png");

        HttpResponse<String> served = http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
        List<Element> stylesheets = Jsoup.parse(served.body()).select("link[rel=stylesheet]");
        ChromiumRun chromium = ChromiumRun.open(page, png, 1280, 2400);
        Document dom = Jsoup.parse(chromium.dom);
        BufferedImage screenshot = ImageIO.read(png.toFile());

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(served.statusCode()).isEqualTo(200);
        softly.assertThat(served.headers().firstValue("Content-Security-Policy")).contains(JENKINS_DEFAULT_CSP);
        softly.assertThat(stylesheets).as("the page's stylesheet, the only style Jenkins' policy lets it use").isNotEmpty();
        for (Element stylesheet : stylesheets) {
            HttpResponse<String> css = http.send(HttpRequest.newBuilder(page.resolve(stylesheet.attr("href"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            softly.assertThat(css.statusCode()).as(stylesheet.attr("href") + " archived beside the page").isEqualTo(200);
            softly.assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        }
        softly.assertThat(chromium.cspViolations()).as("CSP violations in chromium's console").isEmpty();
        softly.assertThat(dom.select("svg.chart")).as("a latency chart per health target").isNotEmpty();
        for (Element chart : dom.select("svg.chart")) {
            softly.assertThat(chart.select("polyline, path").stream().map(line -> line.attr("stroke")))
                    .as("the latency line's colour, drawn by the SVG itself").anyMatch(ReportServedByJenkinsITest::isColour);
        }
        softly.assertThat(count(screenshot, 100, 160)).as("green pixels: passed badges and rows").isGreaterThan(300);
        softly.assertThat(count(screenshot, -15, 15)).as("red pixels: failed badges, rows and marks").isGreaterThan(300);
        softly.assertAll();
    }

    @Test
    void theBuildSummaryAndJobPagesRenderInChromium(JenkinsRule j) throws Exception {
        deploy(j, SummaryFixtures.COMMIT_PROMOTED, "promoted");
        WorkflowRun run = deploy(j, SummaryFixtures.COMMIT_ROLLED_BACK, "rolled back");

        ChromiumRun build = ChromiumRun.open(URI.create(j.getURL() + run.getUrl()),
                SCREENSHOTS.resolve("build-page-summary.png"), 1280, 1000);
        ChromiumRun details = ChromiumRun.open(URI.create(j.getURL() + run.getUrl() + "deploy-gates/"),
                SCREENSHOTS.resolve("deploy-gates-page.png"), 1280, 1900);
        ChromiumRun job = ChromiumRun.open(URI.create(j.getURL() + run.getParent().getUrl()),
                SCREENSHOTS.resolve("job-page-promotion.png"), 1280, 800);

        Document buildPage = Jsoup.parse(build.dom);
        assertThat(buildPage.select("table.deploy-gates-gates tr[data-kind]")).hasSize(4);
        Element page = Jsoup.parse(details.dom).selectFirst("#main-panel");
        assertThat(page.select("table.deploy-gates-rollbacks tr[data-environment=production]")).hasSize(1);
        Element jobPart = Jsoup.parse(job.dom).selectFirst("#deploy-gates-job");
        assertThat(jobPart.select("tr[data-promotion]").eachAttr("data-promotion")).containsExactly("last", "promoted");
        for (Element ours : List.of(buildPage.selectFirst("#deploy-gates-summary"),
                buildPage.selectFirst("table.deploy-gates-gates"), page, jobPart)) {
            assertThat(ours.select("script")).as("no script of ours").isEmpty();
            assertThat(ours.select("[style]").eachAttr("style")).as("no inline style of ours").allMatch(String::isBlank);
        }
    }

    /** A deploy: a watched health gate on the loopback service, and the other steps' and the library's records. */
    private WorkflowRun deploy(JenkinsRule j, String commit, String outcome) throws Exception {
        WorkflowJob job = j.jenkins.getItemByFullName("shop-deploy", WorkflowJob.class);
        job = job != null ? job : j.createProject(WorkflowJob.class, "shop-deploy");
        job.setDefinition(new CpsFlowDefinition("node {\n"
                + "  healthGate url: '" + SummaryFixtures.url(service, "/health") + "', interval: '20ms', timeout: '2m',"
                + " watch: '3s', watchInterval: '20ms', reportDir: 'reports/production/watch'\n"
                + "  archiveArtifacts(artifacts: deployGatesReport(dir: 'reports'))\n"
                + "}\n", true));
        FilePath folder = j.jenkins.getWorkspaceFor(job).child("reports");
        folder.deleteRecursive();
        folder.mkdirs();
        Path reports = Path.of(folder.getRemote());
        SummaryFixtures.promotion(reports, commit, outcome);
        SummaryFixtures.smoke(reports.resolve("staging/smoke"));
        SummaryFixtures.railway(reports.resolve("production"));
        SummaryFixtures.compose(reports.resolve("production"));
        return j.buildAndAssertSuccess(job);
    }

    private static boolean isColour(String value) {
        return !value.isBlank() && !value.equals("none") && !value.equalsIgnoreCase("black") && !value.equals("#000")
                && !value.equals("#000000");
    }

    /** Pixels of a clearly saturated colour whose hue lies between {@code from} and {@code to} degrees. */
    private static long count(BufferedImage png, int from, int to) {
        long n = 0;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                int rgb = png.getRGB(x, y);
                float[] hsb = Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, null);
                float hue = hsb[0] * 360 > 180 ? hsb[0] * 360 - 360 : hsb[0] * 360;
                n += hsb[1] > 0.35 && hsb[2] > 0.3 && hue >= from && hue <= to ? 1 : 0;
            }
        }
        return n;
    }
}
