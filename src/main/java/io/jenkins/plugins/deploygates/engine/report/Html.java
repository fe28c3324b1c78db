package io.jenkins.plugins.deploygates.engine.report;

import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.net.URI;
import java.util.Locale;

/**
 * The only way text reaches the page: every string is redacted, then escaped for HTML text and attributes, so a
 * record that holds markup or a secret can neither inject into the page nor show the secret.
 */
final class Html {
    private final Redactor redactor;

    Html(Redactor redactor) {
        this.redactor = redactor;
    }

    /** Redacted and escaped; an absent value shows as an em dash. */
    String text(String raw) {
        return raw == null || raw.isEmpty() ? "&mdash;" : escape(redactor.redact(raw));
    }

    /** Redacted and escaped for a double-quoted attribute; absent becomes empty. */
    String attr(String raw) {
        return raw == null ? "" : escape(redactor.redact(raw));
    }

    /** A badge whose colour says pass, fail, warn or neutral. */
    String badge(String label, Tone tone) {
        return "<span class=\"badge " + tone.css + "\">" + text(label) + "</span>";
    }

    /**
     * A link, only for http(s) addresses: anything else (javascript:, data:) is shown as plain text and never made
     * clickable. It opens in the same tab: Jenkins serves archived pages in a sandbox without {@code allow-popups},
     * where a link to a new tab silently does nothing.
     */
    String link(String url, String label) {
        if (url == null || url.isBlank()) {
            return "&mdash;";
        }
        String redacted = redactor.redact(url.trim());
        if (!isWeb(redacted)) {
            return "<span class=\"mono\">" + escape(redacted) + "</span>";
        }
        return "<a href=\"" + escape(redacted) + "\" rel=\"noopener noreferrer\">" + text(label) + "</a>";
    }

    private static boolean isWeb(String url) {
        try {
            String scheme = URI.create(url).getScheme();
            return scheme != null && (scheme.toLowerCase(Locale.ROOT).equals("https")
                    || scheme.toLowerCase(Locale.ROOT).equals("http"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * HTML text and attribute escaping; drops control characters HTML cannot show and replaces a lone surrogate
     * (a JSON record may escape half a character, which no UTF-8 page can hold) with U+FFFD.
     */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isSurrogate(ch)) {
                boolean paired = Character.isHighSurrogate(ch) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1));
                if (paired) {
                    out.append(ch).append(s.charAt(++i));
                } else {
                    out.append('\uFFFD');
                }
                continue;
            }
            switch (ch) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default:
                    if (ch >= 0x20 || ch == '\n' || ch == '\t') {
                        out.append(ch);
                    }
            }
        }
        return out.toString();
    }

    /** The colour families of badges, rows and marks. */
    enum Tone {
        PASS("pass"), FAIL("fail"), WARN("warn"), NEUTRAL("neutral");

        final String css;

        Tone(String css) {
            this.css = css;
        }

        /**
         * A phrase such as "rolled back", "promoted by alice" or "timed out, not promoted": its first part that
         * says something decides (the whole part, a leading "not", else the part's first word).
         */
        static Tone ofPhrase(String phrase) {
            String p = phrase == null ? "" : phrase.trim().toLowerCase(Locale.ROOT);
            for (String part : p.split("\\s*[,;:]\\s*")) {
                Tone tone = of(part);
                if (tone == NEUTRAL && part.startsWith("not ")) {
                    tone = FAIL;
                }
                tone = tone == NEUTRAL ? of(part.split("\\s+")[0]) : tone;
                if (tone != NEUTRAL) {
                    return tone;
                }
            }
            return NEUTRAL;
        }

        /** Reads the many words records use for an outcome: PASS, passed, SUCCESS, healthy, running, FAILED... */
        static Tone of(String word) {
            String w = word == null ? "" : word.toLowerCase(Locale.ROOT);
            if (w.matches("pass(ed)?|success(ful)?|succeeded|healthy|running|applied|promoted|ok|up|true|approved")) {
                return PASS;
            }
            if (w.matches("fail(ed|ure)?|crashed|error|unhealthy|exited|dead|removed|false|refused|rejected|down")) {
                return FAIL;
            }
            if (w.matches("rolled.?back|skipped|timed.?out|needs_approval|restarting|starting|warn(ed|ing)?|detached|interrupted")) {
                return WARN;
            }
            return NEUTRAL;
        }
    }
}
