package io.jenkins.plugins.deploygates.engine.health;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.util.Locale;

/**
 * What a followed redirect to another origin (scheme, host or port) does with the configured headers, which may
 * hold credentials: they are only ever sent to the target's own origin.
 */
public enum CrossOriginRedirects {
    /** Follow it without any configured header (the default); the console says so once. */
    DROP_HEADERS("drop-headers"),
    /** Do not follow it: the probe fails, saying where the redirect pointed (its origin only). */
    REFUSE("refuse");

    private final String word;

    CrossOriginRedirects(String word) {
        this.word = word;
    }

    /** @throws ConfigurationException naming the two values when the text is neither */
    public static CrossOriginRedirects parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (CrossOriginRedirects value : values()) {
            if (value.word.equals(t)) {
                return value;
            }
        }
        throw new ConfigurationException("crossOriginRedirects '" + text + "' is not a choice: write drop-headers"
                + " (follow without the configured headers, the default) or refuse.");
    }

    @Override
    public String toString() {
        return word;
    }
}
