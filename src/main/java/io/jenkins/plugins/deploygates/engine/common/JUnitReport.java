package io.jenkins.plugins.deploygates.engine.common;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A JUnit XML file in the shape Jenkins' {@code junit} step reads: one {@code <testsuite>} with one
 * {@code <testcase>} per check, so each gate or check gets its own trend.
 */
public final class JUnitReport {
    private final String suiteName;
    private final List<Case> cases = new ArrayList<>();

    public JUnitReport(String suiteName) {
        this.suiteName = suiteName;
    }

    public JUnitReport passed(String className, String name, long millis, String output) {
        cases.add(new Case(className, name, millis, null, output));
        return this;
    }

    /** A check that could not run (for example because an earlier check obtained nothing for it). */
    public JUnitReport skipped(String className, String name, String reason) {
        Case c = new Case(className, name, 0, null, null);
        c.skipped = reason == null ? "skipped" : reason;
        cases.add(c);
        return this;
    }

    public JUnitReport failed(String className, String name, long millis, String failure, String output) {
        cases.add(new Case(className, name, millis, failure == null ? "failed" : failure, output));
        return this;
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(toXml());
        }
    }

    public String toXml() {
        long failures = cases.stream().filter(c -> c.failure != null).count();
        long skipped = cases.stream().filter(c -> c.skipped != null).count();
        long total = cases.stream().mapToLong(c -> c.millis).sum();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"").append(escape(suiteName)).append("\" tests=\"").append(cases.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"").append(skipped).append("\" time=\"")
                .append(seconds(total)).append("\">\n");
        for (Case c : cases) {
            xml.append("  <testcase classname=\"").append(escape(c.className)).append("\" name=\"")
                    .append(escape(c.name)).append("\" time=\"").append(seconds(c.millis)).append("\"");
            if (c.failure == null && c.output == null && c.skipped == null) {
                xml.append("/>\n");
                continue;
            }
            xml.append(">\n");
            if (c.failure != null) {
                xml.append("    <failure message=\"").append(escape(firstLine(c.failure))).append("\">")
                        .append(escape(c.failure)).append("</failure>\n");
            }
            if (c.skipped != null) {
                xml.append("    <skipped message=\"").append(escape(c.skipped)).append("\"/>\n");
            }
            if (c.output != null) {
                xml.append("    <system-out>").append(escape(c.output)).append("</system-out>\n");
            }
            xml.append("  </testcase>\n");
        }
        return xml.append("</testsuite>\n").toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** XML 1.0 text: escapes markup and drops characters XML cannot hold. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '"': out.append("&quot;"); break;
                default:
                    if (ch >= 0x20 || ch == '\n' || ch == '\t' || ch == '\r') {
                        out.append(ch);
                    }
            }
        }
        return out.toString();
    }

    private static final class Case {
        final String className;
        final String name;
        final long millis;
        final String failure;
        final String output;
        String skipped;

        Case(String className, String name, long millis, String failure, String output) {
            this.className = className;
            this.name = name;
            this.millis = millis;
            this.failure = failure;
            this.output = output;
        }
    }
}
