package io.jenkins.plugins.deploygates.engine.summary;

import java.util.Locale;

/** How a verdict reads at a glance: the colour and icon the build page gives it. */
public enum Tone {
    PASS, FAIL, WARN, NEUTRAL;

    /**
     * The verdict words the records use: health gates PASS/FAIL, Railway PASSED/FAILED/SKIPPED/DETACHED/
     * INTERRUPTED and its statuses, compose passed/failed/interrupted, the nightly check OK/WARN/FAIL.
     */
    public static Tone ofVerdict(String word) {
        String w = word == null ? "" : word.trim().toUpperCase(Locale.ROOT);
        switch (w) {
            case "PASS": case "PASSED": case "SUCCESS": case "OK":
                return PASS;
            case "FAIL": case "FAILED": case "CRASHED": case "REMOVED": case "ERROR":
                return FAIL;
            case "WARN": case "SKIPPED": case "DETACHED": case "INTERRUPTED": case "NEEDS_APPROVAL":
                return WARN;
            default:
                return NEUTRAL;
        }
    }

    /**
     * A promotion outcome as deployPipeline writes it: {@code promoted}, {@code rolled back}, {@code rollback
     * failed}, {@code failed}, {@code timed out after 72h, not promoted}, {@code rejected by bob, not promoted}.
     */
    public static Tone ofOutcome(String outcome) {
        String o = outcome == null ? "" : outcome.trim().toLowerCase(Locale.ROOT);
        if (o.equals("promoted")) {
            return PASS;
        }
        if (o.contains("fail")) {
            return FAIL;
        }
        if (o.equals("rolled back") || o.endsWith("not promoted")) {
            return WARN;
        }
        return NEUTRAL;
    }
}
