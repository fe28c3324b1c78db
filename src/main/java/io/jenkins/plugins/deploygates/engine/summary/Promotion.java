package io.jenkins.plugins.deploygates.engine.summary;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a {@code promotion-record.json} says about the run as a whole: the commit, the outcome, who approved when
 * (and with what soak), whose approval was refused, what each rollback restored, and the migrations. The gates
 * and deployments it also lists come from their own records, which have more figures.
 */
public final class Promotion implements Serializable {
    private static final long serialVersionUID = 1L;
    /** More approvals than this in one run is a quorum nobody configures; the full report lists all. */
    static final int MAX_LISTED = 20;

    private final String commit;
    private final String outcome;
    private final Tone tone;
    private final String startedAt;
    private final String finishedAt;
    private final String decision;
    private final String soak;
    private final ArrayList<Answer> approvals = new ArrayList<>();
    private final ArrayList<Answer> refusals = new ArrayList<>();
    private final ArrayList<Rollback> rollbacks = new ArrayList<>();
    private final String migrations;

    private Promotion(JsonNode record) {
        JsonNode promotion = record.path("promotion");
        commit = SummaryText.shortText(RecordValues.text(record, "commit"));
        outcome = SummaryText.shortText(RecordValues.text(record, "outcome"));
        tone = Tone.ofOutcome(outcome);
        startedAt = Stamp.of(RecordValues.text(record, "startedAt"));
        finishedAt = Stamp.of(RecordValues.text(record, "finishedAt"));
        decision = SummaryText.shortText(RecordValues.text(promotion, "outcome"));
        soak = SummaryText.shortText(RecordValues.text(promotion.path("soak"), "text"));
        RecordValues.objects(promotion, "approvals").stream().limit(MAX_LISTED).map(Answer::approval).forEach(approvals::add);
        RecordValues.objects(promotion, "refusals").stream().limit(MAX_LISTED).map(Answer::refusal).forEach(refusals::add);
        RecordValues.objects(record, "rollbacks").stream().limit(MAX_LISTED).map(Rollback::new).forEach(rollbacks::add);
        JsonNode m = record.path("migrations");
        migrations = m.isObject() ? SummaryText.shortText(RecordValues.text(m, "status")
                + (RecordValues.text(m, "detail") == null ? "" : ": " + RecordValues.text(m, "detail"))) : null;
    }

    /** Reads a promotion record; tolerant of missing parts (a run that stopped early writes few). */
    public static Promotion of(JsonNode record) {
        return new Promotion(record);
    }

    public String getCommit() {
        return commit;
    }

    /** The first 12 characters of the commit, as people quote it; the whole of anything that is not a hash. */
    public String getShortCommit() {
        return commit != null && commit.matches("[0-9a-fA-F]{13,}") ? commit.substring(0, 12) : commit;
    }

    /** {@code promoted}, {@code rolled back}, {@code rollback failed}, {@code failed}, {@code ..., not promoted}. */
    public String getOutcome() {
        return outcome;
    }

    public Tone getTone() {
        return tone;
    }

    public boolean isPromoted() {
        return "promoted".equals(outcome);
    }

    public String getStartedAt() {
        return startedAt;
    }

    public String getFinishedAt() {
        return finishedAt;
    }

    /** The approval gate's own sentence ({@code promoted by alice}, {@code timed out after 72h, not promoted}). */
    public String getDecision() {
        return decision;
    }

    /** The decision's colour: promoted (by whoever) passes, a timeout or a rejection warns. */
    public Tone getDecisionTone() {
        return decision != null && decision.startsWith("promoted") ? Tone.PASS : Tone.ofOutcome(decision);
    }

    /**
     * The approval in one line for the build page: who approved and when (with a soak override's reason), and how
     * many answers did not count; the summary page lists them in full.
     */
    public String getApprovalLine() {
        List<String> parts = new ArrayList<>();
        for (Answer a : approvals) {
            parts.add("approved by " + a.getUser() + (a.getAt() == null ? "" : " at " + a.getAt())
                    + (a.getNote() == null ? "" : " (" + a.getNote() + ")"));
        }
        if (!refusals.isEmpty()) {
            parts.add(refusals.size() + (refusals.size() == 1 ? " answer" : " answers") + " did not count");
        }
        return parts.isEmpty() ? null : SummaryText.longText(String.join("; ", parts));
    }

    /** How long staging had soaked when the decision fell, against the minimum. */
    public String getSoak() {
        return soak;
    }

    public List<Answer> getApprovals() {
        return Collections.unmodifiableList(approvals);
    }

    /** Answers that did not count, and why. */
    public List<Answer> getRefusals() {
        return Collections.unmodifiableList(refusals);
    }

    public List<Rollback> getRollbacks() {
        return Collections.unmodifiableList(rollbacks);
    }

    /** {@code applied: npm run migrate}, {@code failed: ...}, or null when the run had none. */
    public String getMigrations() {
        return migrations;
    }

    /**
     * One answer to the approval: who, when, the soak at that moment, and a note: for an approval that counted, the
     * reason it overrode the soak; for one that did not count (four-eyes, soak not met, a second approval by the
     * same person), why.
     */
    public static final class Answer implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String user;
        private final String at;
        private final String soak;
        private final String note;

        private Answer(JsonNode a, String note) {
            user = SummaryText.shortText(RecordValues.text(a, "user"));
            at = Stamp.of(RecordValues.text(a, "at"));
            soak = SummaryText.shortText(RecordValues.text(a, "soak"));
            this.note = SummaryText.longText(note);
        }

        static Answer approval(JsonNode a) {
            return new Answer(a, RecordValues.isTrue(a, "overrideSoak") ? "soak overridden: " + RecordValues.text(a, "reason") : null);
        }

        static Answer refusal(JsonNode r) {
            return new Answer(r, RecordValues.text(r, "refused"));
        }

        public String getUser() {
            return user;
        }

        public String getAt() {
            return at;
        }

        public String getSoak() {
            return soak;
        }

        public String getNote() {
            return note;
        }
    }

    /** One rollback: where, when, what it restored, why, and the health gate's verdict on the restored version. */
    public static final class Rollback implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String environment;
        private final String at;
        private final String restored;
        private final String healthVerdict;
        private final String healthReason;
        private final String reason;

        Rollback(JsonNode r) {
            environment = SummaryText.shortText(RecordValues.text(r, "environment"));
            at = Stamp.of(RecordValues.text(r, "at"));
            restored = SummaryText.shortText(restored(r));
            JsonNode h = r.path("health");
            healthVerdict = SummaryText.shortText(RecordValues.text(h, "verdict"));
            healthReason = SummaryText.longText(RecordValues.text(h, "reason"));
            reason = SummaryText.longText(RecordValues.text(r, "reason"));
        }

        /** Railway: each service's restored deployment; compose: the services put back on their previous images. */
        private static String restored(JsonNode r) {
            List<String> deployments = RecordValues.objects(r, "deployments").stream()
                    .filter(d -> RecordValues.text(d, "deploymentId") != null)
                    .map(d -> RecordValues.text(d, "service") + ": deployment " + RecordValues.text(d, "deploymentId")
                            + (RecordValues.text(d, "status") == null ? "" : " (" + RecordValues.text(d, "status") + ")"))
                    .collect(Collectors.toList());
            if (!deployments.isEmpty()) {
                return SummaryText.list(deployments);
            }
            List<String> services = RecordValues.texts(r, "services");
            String target = RecordValues.text(r, "target");
            return services.isEmpty() ? target
                    : (target == null ? "" : target + " ") + "services " + SummaryText.list(services);
        }

        public String getEnvironment() {
            return environment;
        }

        public String getAt() {
            return at;
        }

        public String getRestored() {
            return restored;
        }

        /** The health gate's verdict on the restored version (PASS, FAIL), or null when it never ran. */
        public String getHealthVerdict() {
            return healthVerdict;
        }

        public Tone getHealthTone() {
            return Tone.ofVerdict(healthVerdict);
        }

        /** Why the health gate decided as it did, or null. */
        public String getHealthReason() {
            return healthReason;
        }

        public String getReason() {
            return reason;
        }
    }
}
