package io.jenkins.plugins.deploygates.engine.summary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Puts a {@link GateVerdict} together; every text passes through {@link SummaryText} on its way in. */
final class VerdictBuilder {
    private final String kind;
    private final String title;
    private String subject;
    private String verdict;
    private Tone tone = Tone.NEUTRAL;
    private final List<Figure> figures = new ArrayList<>();
    private String detail;
    private final List<Figure> links = new ArrayList<>();
    private final StringBuilder key = new StringBuilder();

    VerdictBuilder(String kind, String title) {
        this.kind = kind;
        this.title = title;
        key.append(kind);
    }

    VerdictBuilder subject(String raw) {
        subject = SummaryText.shortText(raw);
        return this;
    }

    VerdictBuilder verdict(String word, Tone tone) {
        this.verdict = word == null ? "UNKNOWN" : SummaryText.shortText(word.toUpperCase(Locale.ROOT));
        this.tone = tone;
        return this;
    }

    /** A figure; left out when there is no value. */
    VerdictBuilder figure(String label, String value) {
        String text = SummaryText.shortText(value);
        if (text != null) {
            figures.add(new Figure(label, text));
        }
        return this;
    }

    VerdictBuilder detail(String raw) {
        detail = SummaryText.longText(raw);
        return this;
    }

    VerdictBuilder link(String label, String url) {
        String address = SummaryText.webAddress(url);
        if (address != null) {
            links.add(new Figure(label, address));
        }
        return this;
    }

    /** Values that tell this gate run from any other of the same kind. */
    VerdictBuilder identity(Object... parts) {
        for (Object part : parts) {
            key.append('\u0000').append(part);
        }
        return this;
    }

    GateVerdict build() {
        return new GateVerdict(kind, title, subject, null, verdict == null ? "UNKNOWN" : verdict, tone, figures,
                detail, links, digest(key.toString()));
    }

    /** Short and fixed in size whatever went into it, and never the values themselves. */
    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
