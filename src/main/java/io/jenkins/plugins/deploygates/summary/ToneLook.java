package io.jenkins.plugins.deploygates.summary;

import io.jenkins.plugins.deploygates.engine.summary.Tone;

/**
 * How a tone looks in Jenkins' own UI: the core status symbol Jenkins shows for a build result (success, failure,
 * unstable, not built) and a design-library colour class, no style of ours.
 */
public enum ToneLook {
    PASS("symbol-status-blue", "jenkins-!-success-color"),
    FAIL("symbol-status-red", "jenkins-!-error-color"),
    WARN("symbol-status-yellow", "jenkins-!-warning-color"),
    NEUTRAL("symbol-status-nobuilt", "jenkins-!-text-color-secondary");

    private final String symbol;
    private final String colour;

    ToneLook(String symbol, String colour) {
        this.symbol = symbol;
        this.colour = colour;
    }

    /** Called from the {@code /lib/deploygates} tags. */
    public static ToneLook of(Tone tone) {
        return tone == null ? NEUTRAL : valueOf(tone.name());
    }

    /** The core symbol ({@code symbol-status-blue}...): an SVG sized by its class, with no inline style. */
    public String getSymbol() {
        return symbol;
    }

    public String getColour() {
        return colour;
    }
}
