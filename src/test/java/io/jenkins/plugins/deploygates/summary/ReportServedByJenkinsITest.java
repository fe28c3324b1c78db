package io.jenkins.plugins.deploygates.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import hudson.FilePath;
import hudson.model.Item;
import io.jenkins.plugins.deploygates.testing.ChromiumPage;
import io.jenkins.plugins.deploygates.testing.HeadlessChromium;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import jenkins.model.Jenkins;
import org.assertj.core.api.SoftAssertions;
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
 * The pages as a user who may read the job sees them in a browser: the archived report fetched from the build's
 * artifacts with the headers Jenkins sends and rendered by headless chromium from Jenkins' own URL, and the build,
 * summary and job pages. The screenshots stay in {@code target/jenkins-browser/} (the README's come from here).
 */
@WithJenkins
class ReportServedByJenkinsITest {
    /** {@code hudson.model.DirectoryBrowserSupport.CSP} as Jenkins ships it. */
    static final String JENKINS_DEFAULT_CSP = "sandbox allow-same-origin; default-src 'none'; img-src 'self'; style-src 'self';";
    static final Path SCREENSHOTS = Path.of(System.getProperty("buildDirectory", "target"), "jenkins-browser");
    private static final int WIDTH = 1280;
    /** alice may read the job; the dummy realm's password is the user name. */
    private static final Map<String, String> ALICE = Map.of("Authorization",
            "Basic " + Base64.getEncoder().encodeToString("alice:alice".getBytes(StandardCharsets.UTF_8)));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private HttpServer service;
    private HeadlessChromium chromium;

    @BeforeEach
    void start() throws Exception {
        service = SummaryFixtures.service();
        chromium = HeadlessChromium.start(SCREENSHOTS.resolve("chromium"));
    }

    @AfterEach
    void stop() throws Exception {
        service.stop(0);
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Every fact is gathered first (the screenshot is kept whatever happens), then every assertion reported. */
    @Test
    void theArchivedReportIsServedWithJenkinsPolicyAndChromiumRendersItStyled(JenkinsRule j) throws Exception {
        WorkflowRun run = deploy(j, SummaryFixtures.COMMIT_ROLLED_BACK, "rolled back");
        URI page = URI.create(j.getURL() + run.getUrl() + "artifact/reports/deploy-gates-report.html");

        HttpResponse<String> served = get(page);
        List<Element> stylesheets = Jsoup.parse(served.body()).select("link[rel=stylesheet]");
        ChromiumPage report = chromium.open(page, WIDTH, ALICE);
        Path png = report.screenshot(SCREENSHOTS.resolve("report-served-by-jenkins.png"));

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(served.statusCode()).isEqualTo(200);
        softly.assertThat(served.headers().firstValue("Content-Security-Policy")).contains(JENKINS_DEFAULT_CSP);
        softly.assertThat(stylesheets).as("the page's stylesheet, the only style Jenkins' policy lets it use").isNotEmpty();
        for (Element stylesheet : stylesheets) {
            HttpResponse<String> css = get(page.resolve(stylesheet.attr("href")));
            softly.assertThat(css.statusCode()).as(stylesheet.attr("href") + " archived beside the page").isEqualTo(200);
            softly.assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
            softly.assertThat(css.headers().firstValue("Content-Security-Policy")).contains(JENKINS_DEFAULT_CSP);
        }
        softly.assertThat(report.cspViolations()).as("CSP violations in chromium's console: %s", report.console()).isEmpty();
        softly.assertThat(report.computedStyle("body", "background-color", "font-family"))
                .as("the stylesheet applies").doesNotContainEntry("background-color", "rgba(0, 0, 0, 0)")
                .hasEntrySatisfying("font-family", f -> assertThat(f).doesNotStartWith("\"Times"));
        softly.assertThat(report.computedStyles(".badge.pass", "background-color")).as("passed badges")
                .isNotEmpty().allSatisfy(s -> assertThat(hue(s.get("background-color"))).isBetween(90f, 160f));
        softly.assertThat(report.computedStyles(".badge.fail", "background-color")).as("failed badges")
                .isNotEmpty().allSatisfy(s -> assertThat(hue(s.get("background-color"))).isBetween(-20f, 20f));
        softly.assertThat(report.computedStyles("svg.chart polyline.latency", "stroke", "fill"))
                .as("each health target's latency line, in its colour").isNotEmpty()
                .allSatisfy(s -> assertThat(s).containsEntry("fill", "none")
                        .hasEntrySatisfying("stroke", stroke -> assertThat(saturation(stroke)).isGreaterThan(0.3f)));
        BufferedImage screenshot = ImageIO.read(png.toFile());
        softly.assertThat(count(screenshot, 100, 160)).as("green pixels: passed badges and rows").isGreaterThan(300);
        softly.assertThat(count(screenshot, -15, 15)).as("red pixels: failed badges and rows").isGreaterThan(300);
        softly.assertAll();
    }

    @Test
    void theBuildSummaryAndJobPagesRenderInChromium(JenkinsRule j) throws Exception {
        deploy(j, SummaryFixtures.COMMIT_PROMOTED, "promoted");
        WorkflowRun run = deploy(j, SummaryFixtures.COMMIT_ROLLED_BACK, "rolled back");

        ChromiumPage build = chromium.open(URI.create(j.getURL() + run.getUrl()), WIDTH, ALICE);
        build.screenshot(SCREENSHOTS.resolve("build-page-summary.png"));
        ChromiumPage details = chromium.open(URI.create(j.getURL() + run.getUrl() + "deploy-gates/"), WIDTH, ALICE);
        details.screenshot(SCREENSHOTS.resolve("deploy-gates-page.png"));
        ChromiumPage job = chromium.open(URI.create(j.getURL() + run.getParent().getUrl()), WIDTH, ALICE);
        job.screenshot(SCREENSHOTS.resolve("job-page-promotion.png"));

        Document buildPage = build.dom();
        assertThat(buildPage.select("table.deploy-gates-gates tr[data-kind]")).hasSize(4);
        Element page = details.dom().selectFirst("#main-panel");
        assertThat(page.select("table.deploy-gates-rollbacks tr[data-environment=production]")).hasSize(1);
        Element jobPart = job.dom().selectFirst("#deploy-gates-job");
        assertThat(jobPart.select("tr[data-promotion]").eachAttr("data-promotion")).containsExactly("last", "promoted");
        for (Element ours : List.of(buildPage.selectFirst("#deploy-gates-summary"),
                buildPage.selectFirst("table.deploy-gates-gates"), page, jobPart)) {
            assertThat(ours.select("script")).as("no script of ours").isEmpty();
            assertThat(ours.select("[style]").eachAttr("style")).as("no inline style of ours").allMatch(String::isBlank);
        }
        assertThat(build.computedStyles("table.deploy-gates-gates .jenkins-badge", "background-color"))
                .as("verdict badges in the design library's colours").hasSize(4)
                .noneMatch(s -> s.get("background-color").equals("rgba(0, 0, 0, 0)"));
    }

    /** A deploy: a watched health gate on the loopback service, and the other steps' and the library's records. */
    private WorkflowRun deploy(JenkinsRule j, String commit, String outcome) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy().grant(Jenkins.READ, Item.READ).everywhere()
                .to("alice"));
        WorkflowJob job = j.jenkins.getItemByFullName("shop-deploy", WorkflowJob.class);
        job = job != null ? job : j.createProject(WorkflowJob.class, "shop-deploy");
        job.setDefinition(new CpsFlowDefinition(SummaryFixtures.gateThenReport(service, "production/watch",
                "interval: '20ms', watch: '3s', watchInterval: '20ms'"), true));
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

    private HttpResponse<String> get(URI url) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url);
        ALICE.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The hue in degrees (-180 to 180, red around 0) of a computed {@code rgb(r, g, b)} colour. */
    private static float hue(String rgb) {
        float h = hsb(rgb)[0] * 360;
        return h > 180 ? h - 360 : h;
    }

    private static float saturation(String rgb) {
        return hsb(rgb)[1];
    }

    private static float[] hsb(String rgb) {
        String[] parts = rgb.replaceAll("[^0-9,.]", "").split(",");
        return Color.RGBtoHSB(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), null);
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
