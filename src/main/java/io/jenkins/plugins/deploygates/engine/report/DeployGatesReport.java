package io.jenkins.plugins.deploygates.engine.report;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.report.Html.Tone;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders a report directory (what the steps wrote: health gates, compose rebuilds, smoke runs, Railway
 * deployments, the promotion record) into one self-contained {@value #FILE}. Whatever is present is shown,
 * whatever is missing is left out; every string is redacted and escaped on its way into the page.
 */
public final class DeployGatesReport {
    public static final String FILE = "deploy-gates-report.html";

    private final Html html;
    private final Clock clock;

    public DeployGatesReport(Redactor redactor, Clock clock) {
        this.html = new Html(redactor);
        this.clock = clock;
    }

    /**
     * Writes the page (through a temporary sibling, so a reader never sees half of it) and returns its path.
     *
     * @param out the file to write, or null for {@value #FILE} inside {@code dir}
     * @throws ConfigurationException when {@code dir} is missing or holds no record to report
     */
    public Path write(Path dir, Path out) throws IOException {
        Path target = (out == null ? dir.resolve(FILE) : out).toAbsolutePath();
        String page = render(dir);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), FILE, ".tmp");
        try {
            Files.writeString(tmp, page, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /** The page as text. @throws ConfigurationException when {@code dir} is missing or holds no record */
    public String render(Path dir) throws IOException {
        ReportInputs in = ReportInputs.scan(dir);
        ConfigurationException.require(!in.isEmpty(), "dir '" + dir + "' holds no Deploy Gates record "
                + "(health-gate.json, promotion-record.json, docker-*, smoke-* or railway-*.json): "
                + "point --dir at the folder the steps wrote their reports into.");
        PromotionTimeline timeline = new PromotionTimeline(html);
        HealthSection health = new HealthSection(html);
        ServiceTable services = new ServiceTable(html);
        SmokeTable smoke = new SmokeTable(html);
        return new ReportPage(html)
                .header(String.valueOf(dir.toAbsolutePath().normalize().getFileName()), clock.instant(), overview(in))
                .section("promotion", "Promotion timeline", each(in.promotions, timeline::render))
                .section("health", "Health gates", each(in.healthGates, health::render))
                .section("services", "Compose services", each(in.docker, services::render))
                .section("smoke", "Smoke checks", each(in.smoke, smoke::render))
                .section("deployments", "Railway deployments",
                        in.railway.isEmpty() ? "" : new DeploymentTable(html).render(in.railway))
                .footer(read(in), in.skipped)
                .render();
    }

    private static String each(List<Source> sources, Function<Source, String> renderer) {
        return sources.stream().map(renderer).collect(Collectors.joining());
    }

    /** Badges at the top: the promotion outcome and how many of each kind of gate passed. */
    private String overview(ReportInputs in) {
        StringBuilder out = new StringBuilder();
        for (Source p : in.promotions) {
            String outcome = Fields.text(p.json(), "outcome");
            if (outcome != null) {
                out.append(html.badge(outcome, Tone.ofPhrase(outcome)));
            }
        }
        out.append(count("health gate", in.healthGates, s -> Boolean.TRUE.equals(
                Fields.flag(HealthSeries.verdictOf(s.json()), "healthy"))));
        out.append(count("compose rebuild", in.docker, s -> Tone.of(Fields.text(s.json(), "verdict")) == Tone.PASS));
        out.append(count("smoke run", in.smoke, s -> Fields.items(s.json(), "checks").stream().allMatch(
                c -> !Boolean.FALSE.equals(Fields.flag(c, "passed")))));
        out.append(count("deployment", in.railway, s -> Tone.of(Fields.text(s.json(), "verdict", "status")) == Tone.PASS));
        return out.toString();
    }

    private String count(String noun, List<Source> sources, java.util.function.Predicate<Source> passed) {
        if (sources.isEmpty()) {
            return "";
        }
        long ok = sources.stream().filter(passed).count();
        String label = ok + " of " + sources.size() + " " + noun + (sources.size() == 1 ? "" : "s") + " passed";
        return html.badge(label, ok == sources.size() ? Tone.PASS : Tone.FAIL);
    }

    private static List<String> read(ReportInputs in) {
        List<String> read = new ArrayList<>();
        for (List<Source> group : List.of(in.promotions, in.healthGates, in.docker, in.smoke, in.railway)) {
            group.forEach(s -> read.add(s.path()));
        }
        return read;
    }
}
