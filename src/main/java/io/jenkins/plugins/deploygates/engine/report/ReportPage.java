package io.jenkins.plugins.deploygates.engine.report;

import io.jenkins.plugins.deploygates.engine.report.ReportInputs.Skipped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The page around the sections: the head (a Content-Security-Policy that forbids any script or network fetch, and
 * the link to the stylesheet written beside the page), the title bar, section headings and the footer listing the
 * records read and those skipped with the reason.
 *
 * <p>The page holds no {@code <style>} element and no {@code style} attribute: Jenkins serves archived files with
 * {@code style-src 'self'}, which refuses both, and allows the stylesheet next to the page.
 */
final class ReportPage {
    /** Nothing but the stylesheet beside the page may load: charts are inline SVG, there are no scripts. */
    static final String CSP = "default-src 'none'; style-src 'self'";
    private static final String STYLESHEET_RESOURCE = "deploy-gates-report.css";

    private final Html html;
    private final StringBuilder body = new StringBuilder();

    ReportPage(Html html) {
        this.html = html;
    }

    /** The stylesheet's text, shipped in the jar beside this class. */
    static byte[] stylesheet() {
        try (InputStream in = ReportPage.class.getResourceAsStream(STYLESHEET_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(STYLESHEET_RESOURCE + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ReportPage header(String directory, Instant generatedAt, String overview) {
        body.append("<div class=\"top\"><div><h1>Deploy Gates report</h1><p class=\"muted\">")
                .append(html.text(directory)).append(" &middot; generated ").append(html.text(Human.stamp(generatedAt)))
                .append("</p></div><div class=\"overview\">").append(overview).append("</div></div>");
        return this;
    }

    /** A titled section; skipped when it has no content. */
    ReportPage section(String id, String title, String content) {
        if (!content.isEmpty()) {
            body.append("<section id=\"").append(id).append("\"><h2>").append(title).append("</h2>")
                    .append(content).append("</section>");
        }
        return this;
    }

    ReportPage footer(List<String> read, List<Skipped> skipped) {
        body.append("<footer><p>No scripts, no network requests: this page needs only ")
                .append(DeployGatesReport.STYLESHEET).append(", written beside it. Records read:</p><ul class=\"read\">");
        read.forEach(p -> body.append("<li class=\"mono\">").append(html.text(p)).append("</li>"));
        body.append("</ul>");
        if (!skipped.isEmpty()) {
            body.append("<p>Skipped:</p><ul class=\"skipped\">");
            skipped.forEach(s -> body.append("<li data-path=\"").append(html.attr(s.path())).append("\"><span class=\"mono\">")
                    .append(html.text(s.path())).append("</span> <span class=\"why\">").append(html.text(s.why()))
                    .append("</span></li>"));
            body.append("</ul>");
        }
        body.append("</footer>");
        return this;
    }

    String render() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Deploy Gates report</title><link rel=\"stylesheet\" href=\"" + DeployGatesReport.STYLESHEET
                + "\"></head><body><main>" + body + "</main></body></html>\n";
    }
}
