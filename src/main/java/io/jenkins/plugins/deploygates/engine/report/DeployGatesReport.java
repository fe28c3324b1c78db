package io.jenkins.plugins.deploygates.engine.report;

import io.jenkins.plugins.deploygates.engine.common.AtomicFile;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.report.ReportInputs.Skipped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a report directory (what the steps wrote: health gates, compose rebuilds, smoke runs, Railway
 * deployments, the promotion record) into {@value #FILE} and its stylesheet {@value #STYLESHEET}, written side by
 * side. Whatever is present is shown, whatever is missing is left out; every string is redacted and escaped on its
 * way into the page. One bad record never stops the page: it is skipped, the log says which and why, and so does
 * the page's footer.
 */
public final class DeployGatesReport {
    public static final String FILE = "deploy-gates-report.html";
    public static final String STYLESHEET = "deploy-gates-report.css";
    /** How many skipped files the "nothing to report" sentence names before it says "and N more". */
    private static final int NAMED_IN_ERROR = 3;

    private final Redactor redactor;
    private final Html html;
    private final Clock clock;
    private final ProgressLog log;

    /** @param log where each skipped record is reported, one line per file */
    public DeployGatesReport(Redactor redactor, Clock clock, ProgressLog log) {
        this.redactor = redactor;
        this.html = new Html(redactor);
        this.clock = clock;
        this.log = log;
    }

    /** The two files written: the page and the stylesheet beside it. */
    public record Written(Path page, Path stylesheet) {}

    /**
     * Writes the stylesheet, then the page, into the real folder of the page (links in the folder's path resolved
     * once, up front), each through a fresh temporary sibling renamed over the file: a reader never sees half a
     * page, and a link planted at either name is replaced, never written through.
     *
     * @param out the page to write, or null for {@value #FILE} inside {@code dir}
     * @throws ConfigurationException when {@code dir} is missing or holds no readable record, or {@code out} is
     *     not a file name the page can take
     */
    public Written write(Path dir, Path out) throws IOException {
        Path page = (out == null ? dir.resolve(FILE) : out).toAbsolutePath().normalize();
        ConfigurationException.require(!Files.isDirectory(page), "out '" + page + "' is a folder: give the page's "
                + "file name, such as " + page.resolve("index.html") + ".");
        ConfigurationException.require(!page.getFileName().toString().equals(STYLESHEET), "out '" + page
                + "' is the stylesheet's name: the page needs " + STYLESHEET + " beside it, so give it another name.");
        String text = render(dir);
        Path folder = Files.createDirectories(page.getParent()).toRealPath();
        Path stylesheet = folder.resolve(STYLESHEET);
        AtomicFile.write(stylesheet, ReportPage.stylesheet());
        Path written = folder.resolve(page.getFileName().toString());
        AtomicFile.write(written, text.getBytes(StandardCharsets.UTF_8));
        return new Written(written, stylesheet);
    }

    /** The page as text. @throws ConfigurationException when {@code dir} is missing or holds no readable record */
    public String render(Path dir) throws IOException {
        ReportInputs in = ReportInputs.scan(dir);
        if (in.isEmpty()) {
            throw new ConfigurationException(nothingToReport(dir, in.skipped));
        }
        Cards cards = new Cards();
        String nightly = cards.each(in.nightly, new NightlySection(html)::render);
        String promotions = cards.each(in.promotions, new PromotionTimeline(html)::render);
        String health = cards.each(in.healthGates, new HealthSection(html)::render);
        String services = cards.each(in.docker, new ServiceTable(html)::render);
        String smoke = cards.each(in.smoke, new SmokeTable(html)::render);
        DeploymentTable deployments = new DeploymentTable(html);
        cards.forEach(in.railway, deployments::add);
        String railway = deployments.render();
        List<Skipped> skipped = new ArrayList<>(in.skipped);
        skipped.addAll(cards.unshown);
        skipped.forEach(s -> log.line(redactor.redact("skipped " + s)));
        return new ReportPage(html)
                .header(String.valueOf(dir.toAbsolutePath().normalize().getFileName()), clock.instant(),
                        new Overview(html, cards).render(in))
                .section("nightly", "Nightly check", nightly)
                .section("promotion", "Promotion timeline", promotions)
                .section("health", "Health gates", health)
                .section("services", "Compose services", services)
                .section("smoke", "Smoke checks", smoke)
                .section("deployments", "Railway deployments", railway)
                .footer(cards.read(in), skipped)
                .render();
    }

    /**
     * One sentence that says what is there and why none of it could be read, so a corrupt record is never
     * reported as a missing one.
     */
    private static String nothingToReport(Path dir, List<Skipped> skipped) {
        String start = "dir '" + dir + "' holds no ";
        if (skipped.isEmpty()) {
            return start + "Deploy Gates record (health-gate.json, promotion-record.json, nightly-check.json, "
                    + "docker-*, smoke-* or railway-*.json): point --dir at the folder the steps wrote their reports into.";
        }
        String named = skipped.stream().limit(NAMED_IN_ERROR).map(Skipped::toString).collect(Collectors.joining("; "));
        String more = skipped.size() > NAMED_IN_ERROR ? "; and " + (skipped.size() - NAMED_IN_ERROR) + " more" : "";
        return start + "readable Deploy Gates record: " + named + more + ".";
    }
}
