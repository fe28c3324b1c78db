package io.jenkins.plugins.deploygates.engine.common;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the durations users write: {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 1h30m}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {}

    /**
     * @param parameter the name shown in the error, for example {@code interval}
     * @throws ConfigurationException when the text is not a duration
     */
    public static Duration parse(String parameter, String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (value.matches("\\d+")) {
            throw new ConfigurationException(parameter + " '" + text + "' has no unit: write it as 500ms, 2s, 5m or 1h.");
        }
        Matcher m = PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            total = total.plus(unit(Long.parseLong(m.group(1)), m.group(2)));
            end = m.end();
        }
        if (value.isEmpty() || end != value.length()) {
            throw new ConfigurationException(parameter + " '" + text + "' is not a duration: write it as 500ms, 2s, 5m or 1h.");
        }
        return total;
    }

    private static Duration unit(long amount, String unit) {
        switch (unit) {
            case "ms": return Duration.ofMillis(amount);
            case "s": return Duration.ofSeconds(amount);
            case "m": return Duration.ofMinutes(amount);
            case "h": return Duration.ofHours(amount);
            default: return Duration.ofDays(amount);
        }
    }

    /** The shortest exact form: {@code 1500ms}, {@code 2s}, {@code 5m}, {@code 1h30m}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        StringBuilder out = new StringBuilder();
        if (s >= 3600) {
            out.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            out.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0) {
            out.append(s).append('s');
        }
        return out.toString();
    }
}
