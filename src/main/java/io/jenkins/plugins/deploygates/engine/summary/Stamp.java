package io.jenkins.plugins.deploygates.engine.summary;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** An ISO-8601 instant from a record, as people read it: {@code 2026-11-27 01:14:50 UTC}. */
final class Stamp {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Stamp() {}

    /** The instant as shown, the text itself when it is not an instant, or null. */
    static String of(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return SHOWN.format(Instant.parse(iso));
        } catch (DateTimeParseException notAnInstant) {
            return SummaryText.shortText(iso);
        }
    }
}
