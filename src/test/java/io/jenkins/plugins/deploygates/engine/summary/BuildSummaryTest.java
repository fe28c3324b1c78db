package io.jenkins.plugins.deploygates.engine.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the verdicts the steps add and what deployGatesReport reads from the folder come together. */
class BuildSummaryTest {
    @Test
    void aVerdictReadBackFromTheFolderTakesThePlaceOfTheOneTheStepAdded() {
        BuildSummary summary = new BuildSummary();
        GateVerdict deploy = GateVerdicts.of(deployment("d-1", "10:00"));
        GateVerdict other = GateVerdicts.of(deployment("d-2", "10:05"));
        summary.add(deploy);
        summary.add(other);

        summary.merge(folder(List.of(deploy.at("production"))));

        assertThat(summary.getGates()).extracting(GateVerdict::getWhere).containsExactly("production", null);
    }

    @Test
    void twoIdenticalGateRunsStayTwoAndReadingTheFolderAgainAddsNothing() {
        BuildSummary summary = new BuildSummary();
        GateVerdict gate = GateVerdicts.of(deployment("d-1", "10:00"));
        summary.add(gate);
        summary.add(gate);

        summary.merge(folder(List.of(gate.at("a"), gate.at("b"), gate.at("c"))));
        summary.merge(folder(List.of(gate.at("a"), gate.at("b"), gate.at("c"))));

        assertThat(summary.getGates()).extracting(GateVerdict::getWhere).containsExactly("a", "b", "c");
    }

    @Test
    void atMostFiftyVerdictsAreKeptAndTheRestCounted() {
        BuildSummary summary = new BuildSummary();
        for (int i = 0; i < 70; i++) {
            summary.add(GateVerdicts.of(deployment("d-" + i, "10:00")));
        }

        assertThat(summary.getGates()).hasSize(BuildSummary.MAX_GATES);
        assertThat(summary.getGatesLeftOut()).isEqualTo(20);
    }

    @Test
    void theFolderBringsThePromotionTheNightlyCheckAndThePageOnce() {
        BuildSummary summary = new BuildSummary();
        assertThat(summary.isEmpty()).isTrue();
        Promotion promotion = Promotion.of(io.jenkins.plugins.deploygates.engine.common.Json.MAPPER.createObjectNode()
                .put("outcome", "promoted").put("commit", "abc"));

        summary.merge(BuildSummary.of(List.of(), 0, promotion, null).withPage("reports/deploy-gates-report.html"));
        summary.merge(BuildSummary.of(List.of(), 0, null, null).withPage("reports/deploy-gates-report.html"));

        assertThat(summary.getPromotion().getOutcome()).isEqualTo("promoted");
        assertThat(summary.getReportPages()).containsExactly("reports/deploy-gates-report.html");
        assertThat(summary.isEmpty()).isFalse();
    }

    private static BuildSummary folder(List<GateVerdict> gates) {
        return BuildSummary.of(gates, 0, null, null);
    }

    private static DeploymentRecord deployment(String id, String time) {
        DeploymentRecord record = new DeploymentRecord("railway-up", Instant.parse("2026-11-27T" + time + ":00Z"));
        record.deploymentId = id;
        record.status = "SUCCESS";
        record.verdict = DeploymentRecord.Verdict.PASSED;
        return record;
    }
}
