package io.jenkins.plugins.deploygates.engine.summary;

import io.jenkins.plugins.deploygates.engine.common.Durations;
import java.time.Duration;
import java.util.Locale;

/** Durations as the summary shows them: {@code 25 ms}, {@code 4.2 s}, then {@code 3m20s}. */
final class Millis {
    private Millis() {}

    static String text(Long ms) {
        if (ms == null || ms < 0) {
            return null;
        }
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return Durations.format(Duration.ofSeconds(Math.round(ms / 1000.0)));
    }
}
