package io.jenkins.plugins.deploygates.engine.summary;

import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Text as the summary keeps it: redacted first (so a cut can never leave half a secret unmasked), on one line, and
 * cut to a length that keeps a build's record small whatever a server or a tool answered.
 */
final class SummaryText {
    /** A figure, a name, an id. */
    static final int SHORT = 160;
    /** A reason. */
    static final int LONG = 400;
    /** How many items of a list (services, failed checks, targets) are named before "and N more". */
    static final int NAMED = 6;
    private static final Redactor REDACTOR = Redactor.byShape();
    private static final int HEAD = 4;

    private SummaryText() {}

    static String shortText(String raw) {
        return cut(raw, SHORT);
    }

    static String longText(String raw) {
        return cut(raw, LONG);
    }

    /** The first {@value #NAMED} items, then how many more there are; null when there are none. */
    static String list(List<String> items) {
        if (items.isEmpty()) {
            return null;
        }
        String named = items.stream().limit(NAMED).collect(Collectors.joining(", "));
        return shortText(items.size() > NAMED ? named + " and " + (items.size() - NAMED) + " more" : named);
    }

    /** A web address to link to, redacted; null for anything that is not http(s) (javascript:, data:, a path). */
    static String webAddress(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 2 * LONG) {
            return null;
        }
        String url = REDACTOR.redact(raw.trim());
        try {
            String scheme = URI.create(url).getScheme();
            boolean web = scheme != null && List.of("http", "https").contains(scheme.toLowerCase(Locale.ROOT));
            return web ? url : null;
        } catch (IllegalArgumentException notAnAddress) {
            return null;
        }
    }

    /**
     * Only the head of a long text is redacted: the redactor's patterns take quadratic time on a megabyte without
     * spaces, and nothing past the head is kept. The head is four times what is kept, so a secret cut at its end
     * lies far beyond the cut that follows.
     */
    private static String cut(String raw, int max) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String head = raw.length() > HEAD * max ? raw.substring(0, HEAD * max) : raw;
        String line = REDACTOR.redact(head).replaceAll("\\s+", " ").trim();
        return line.length() <= max ? line : line.substring(0, max - 1) + "\u2026";
    }
}
