package io.jenkins.plugins.deploygates.engine.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Figures as people read them: {@code 438 ms}, {@code 2.6 s}, {@code 3 m 20 s}, {@code 12:00:05Z}. */
final class Human {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Human() {}

    static String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0).replace(".0 s", " s");
        }
        long s = Math.round(ms / 1000.0);
        if (s < 3600) {
            return s % 60 == 0 ? s / 60 + " m" : s / 60 + " m " + s % 60 + " s";
        }
        return s / 3600 + " h " + (s % 3600) / 60 + " m";
    }

    /**
     * Milliseconds from one instant to another, held at the ends of a long: a record may hold any year ISO-8601
     * allows, and such a gap does not fit in milliseconds.
     */
    static long millisBetween(Instant from, Instant to) {
        try {
            return java.time.Duration.between(from, to).toMillis();
        } catch (ArithmeticException tooFarApart) {
            return from.isBefore(to) ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }

    static String millis(long ms) {
        return ms + " ms";
    }

    static String percent(long part, long whole) {
        return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    /** An ISO-8601 instant, or null when the text is not one. */
    static Instant instant(String iso) {
        try {
            return iso == null ? null : Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The time of day of an ISO instant, or the text itself when it is not one. */
    static String clock(String iso) {
        Instant at = instant(iso);
        return at == null ? iso : CLOCK.format(at);
    }

    static String stamp(Instant at) {
        return STAMP.format(at);
    }
}
