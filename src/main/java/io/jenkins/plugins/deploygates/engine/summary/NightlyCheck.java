package io.jenkins.plugins.deploygates.engine.summary;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The nightly check's {@code nightly-check.json}: the worst status, and per environment its worst status and each
 * check (health, smoke, drift, TLS) with its status and one line of text.
 */
public final class NightlyCheck implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String FILE = "nightly-check.json";
    public static final String KIND = "nightly-check";
    static final int MAX_ENVIRONMENTS = 30;
    static final int MAX_CHECKS = 20;

    private final String worst;
    private final Tone tone;
    private final ArrayList<Environment> environments = new ArrayList<>();

    private NightlyCheck(JsonNode record) {
        worst = status(record);
        tone = Tone.ofVerdict(worst);
        RecordValues.objects(record, "environments").stream().limit(MAX_ENVIRONMENTS).map(Environment::new)
                .forEach(environments::add);
    }

    public static NightlyCheck of(JsonNode record) {
        return new NightlyCheck(record);
    }

    /** Whether a record is the nightly check's, by its kind or, failing that, its shape. */
    static boolean isNightlyCheck(String fileName, JsonNode record) {
        return KIND.equals(RecordValues.text(record, "kind"))
                || fileName.equals(FILE) && record.path("environments").isArray();
    }

    /** OK, WARN or FAIL. */
    public String getWorst() {
        return worst;
    }

    public Tone getTone() {
        return tone;
    }

    public List<Environment> getEnvironments() {
        return Collections.unmodifiableList(environments);
    }

    private static String status(JsonNode node) {
        String worst = RecordValues.text(node, "worst");
        return worst == null ? "UNKNOWN" : SummaryText.shortText(worst.toUpperCase(java.util.Locale.ROOT));
    }

    /** One environment's checks. */
    public static final class Environment implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final String worst;
        private final Tone tone;
        private final ArrayList<Check> checks = new ArrayList<>();

        Environment(JsonNode e) {
            name = SummaryText.shortText(RecordValues.text(e, "name"));
            worst = status(e);
            tone = Tone.ofVerdict(worst);
            RecordValues.objects(e, "checks").stream().limit(MAX_CHECKS).map(Check::new).forEach(checks::add);
        }

        public String getName() {
            return name;
        }

        public String getWorst() {
            return worst;
        }

        public Tone getTone() {
            return tone;
        }

        public List<Check> getChecks() {
            return Collections.unmodifiableList(checks);
        }
    }

    /** One check: {@code health OK "PASS, p95 25ms"}. */
    public static final class Check implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final String status;
        private final Tone tone;
        private final String text;

        Check(JsonNode c) {
            name = SummaryText.shortText(RecordValues.text(c, "name"));
            String s = RecordValues.text(c, "status");
            status = s == null ? "UNKNOWN" : SummaryText.shortText(s.toUpperCase(java.util.Locale.ROOT));
            tone = Tone.ofVerdict(status);
            text = SummaryText.longText(RecordValues.text(c, "text"));
        }

        public String getName() {
            return name;
        }

        public String getStatus() {
            return status;
        }

        public Tone getTone() {
            return tone;
        }

        public String getText() {
            return text;
        }
    }
}
