package io.jenkins.plugins.deploygates.engine.report;

import java.time.Instant;
import java.util.List;

/**
 * The page around the sections: head with the inline style sheet and a Content-Security-Policy that forbids any
 * script or network fetch, the title bar, section headings and the footer listing the records read.
 */
final class ReportPage {
    /** Nothing may load from anywhere: styles are inline, charts are inline SVG, there are no scripts. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private static final String STYLE = String.join("\n",
            ":root{--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#f5f7fa;--card:#fff;--pass:#1a7f37;",
            "--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;--warn:#9a6700;--warn-bg:#fff8c5;--accent:#2563eb}",
            "*{box-sizing:border-box}",
            "body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,'Segoe UI',"
                    + "Roboto,'Helvetica Neue',Arial,'Liberation Sans',sans-serif}",
            "main{max-width:1120px;margin:0 auto;padding:28px 24px 48px}",
            "h1{font-size:26px;margin:0 0 2px;letter-spacing:-.01em}h2{font-size:19px;margin:34px 0 12px}",
            "h3{font-size:16px;margin:0}h4{font-size:14px;margin:18px 0 8px;font-weight:600;word-break:break-all}",
            ".mono,code{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:13px}",
            ".muted{color:var(--muted);margin:4px 0}.reason{margin:8px 0 4px}",
            ".top{display:flex;justify-content:space-between;align-items:flex-end;gap:16px;flex-wrap:wrap;"
                    + "border-bottom:1px solid var(--line);padding-bottom:14px}",
            ".overview{display:flex;gap:8px;flex-wrap:wrap}",
            ".card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 20px;"
                    + "margin:0 0 16px;box-shadow:0 1px 2px rgba(31,41,51,.04)}",
            ".card-head{display:flex;align-items:center;justify-content:space-between;gap:12px}",
            ".env{display:inline-block;background:#eef2ff;color:#3730a3;border-radius:6px;padding:0 7px;"
                    + "font-size:12.5px;font-weight:600;vertical-align:1px}",
            ".badge{display:inline-block;border-radius:999px;padding:1px 10px;font-size:12.5px;font-weight:600;"
                    + "white-space:nowrap}",
            ".badge.pass{background:var(--pass-bg);color:var(--pass)}.badge.fail{background:var(--fail-bg);"
                    + "color:var(--fail)}.badge.warn{background:var(--warn-bg);color:var(--warn)}",
            ".badge.neutral{background:#eef1f4;color:var(--muted)}.fail-text{color:var(--fail)}",
            ".banner{border-radius:8px;padding:8px 12px;font-weight:600}.banner.warn{background:var(--warn-bg);"
                    + "color:var(--warn)}",
            ".stats{display:flex;flex-wrap:wrap;gap:10px;margin:6px 0 10px}",
            ".stat{border:1px solid var(--line);border-radius:8px;padding:6px 12px;min-width:96px}",
            ".stat dt{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}",
            ".stat dd{margin:0;font-size:17px;font-weight:600;font-variant-numeric:tabular-nums}",
            ".stat.fail{border-color:#ffcecb}.stat.fail dd{color:var(--fail)}.stat.pass dd{color:var(--pass)}",
            ".stat.warn{border-color:#f2dc8c}.stat.warn dd{color:var(--warn)}",
            "svg.chart{width:100%;height:auto;display:block}",
            ".chart .grid{stroke:#eceff3;stroke-width:1}.chart .tick{fill:var(--muted);font-size:12px}",
            ".chart .watch{fill:#f0f5ff}.chart .band-label{fill:#6b7fd7;font-size:12px;font-weight:600}",
            ".chart .latency{fill:none;stroke:var(--accent);stroke-width:1.6;stroke-linejoin:round}",
            ".chart .p95{stroke:#d97706;stroke-width:1.4;stroke-dasharray:6 4}",
            ".chart .p95-label{fill:#b45309;font-size:12px;font-weight:600;paint-order:stroke;stroke:#fff;stroke-width:4px;"
                    + "stroke-linejoin:round}",
            ".chart .fail-mark{fill:var(--fail);stroke:#fff;stroke-width:1.5}",
            ".legend{font-size:12.5px;color:var(--muted);margin:4px 0 0}",
            ".key{display:inline-block;width:14px;height:10px;margin:0 5px 0 12px;vertical-align:0;border-radius:2px}",
            ".key.line{height:3px;background:var(--accent);vertical-align:3px;margin-left:0}",
            ".key.fail{width:10px;border-radius:50%;background:var(--fail)}",
            ".key.p95{height:0;border-top:2px dashed #d97706;vertical-align:3px}.key.watch{background:#e0e9ff}",
            "table{width:100%;border-collapse:collapse;margin-top:12px;font-size:14px}.railway table{margin-top:0}",
            "th{text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);"
                    + "font-weight:600;border-bottom:1px solid var(--line);padding:6px 10px}",
            "td{border-bottom:1px solid #f0f2f5;padding:8px 10px;vertical-align:top}tr.fail td:first-child{"
                    + "box-shadow:inset 3px 0 var(--fail)}tr.pass td:first-child{box-shadow:inset 3px 0 var(--pass)}",
            "tr.warn td:first-child{box-shadow:inset 3px 0 #d4a72c}",
            "a{color:var(--accent);text-decoration:none;font-weight:600}a:hover{text-decoration:underline}",
            ".history{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 10px;font-size:12.5px}",
            ".history li.pass span{color:var(--pass);font-weight:600}.history li.fail span{color:var(--fail);"
                    + "font-weight:600}.history time{color:var(--muted)}",
            ".timeline{list-style:none;margin:16px 0 0;padding:0}",
            ".event{display:grid;grid-template-columns:92px 18px 1fr;gap:0 10px;position:relative}",
            ".event .when{text-align:right;font-size:13px;font-weight:600;font-variant-numeric:tabular-nums;"
                    + "padding-top:1px}.event .when small{display:block;color:var(--muted);font-weight:400}",
            ".event .dot{position:relative}.event .dot:before{content:'';position:absolute;left:8px;top:0;"
                    + "bottom:0;border-left:2px solid var(--line)}",
            ".event .dot:after{content:'';position:absolute;left:3px;top:5px;width:12px;height:12px;"
                    + "border-radius:50%;background:#9aa5b1;border:2px solid #fff}",
            ".event.pass .dot:after{background:var(--pass)}.event.fail .dot:after{background:var(--fail)}",
            ".event.warn .dot:after{background:#d4a72c}.event .what{padding-bottom:14px}",
            ".event .detail{color:var(--muted);font-size:13.5px}.took{color:var(--muted);font-size:13px}",
            "footer{margin-top:36px;color:var(--muted);font-size:12.5px}footer ul{margin:4px 0;padding-left:18px}");

    private final Html html;
    private final StringBuilder body = new StringBuilder();

    ReportPage(Html html) {
        this.html = html;
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

    ReportPage footer(List<String> read, List<String> skipped) {
        body.append("<footer><p>Self-contained page: no scripts, no network requests. Records read:</p><ul>");
        read.forEach(p -> body.append("<li class=\"mono\">").append(html.text(p)).append("</li>"));
        body.append("</ul>");
        if (!skipped.isEmpty()) {
            body.append("<p>Skipped (not JSON, or not a Deploy Gates record):</p><ul class=\"skipped\">");
            skipped.forEach(p -> body.append("<li class=\"mono\">").append(html.text(p)).append("</li>"));
            body.append("</ul>");
        }
        body.append("</footer>");
        return this;
    }

    String render() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Deploy Gates report</title><style>\n" + STYLE + "\n</style></head><body><main>"
                + body + "</main></body></html>\n";
    }
}
