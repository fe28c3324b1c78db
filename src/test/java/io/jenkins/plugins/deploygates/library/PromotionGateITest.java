package io.jenkins.plugins.deploygates.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.testing.JenkinsResponse;
import io.jenkins.plugins.deploygates.testing.RealBuild;
import io.jenkins.plugins.deploygates.testing.RealJenkins;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * promotionGate in the kit's real Jenkins: each approval is a real {@code input} step, answered as alice or bob
 * through the REST API, in a user's (sandboxed) Pipeline that loads the global library.
 */
@Execution(ExecutionMode.CONCURRENT)
class PromotionGateITest {
    private static final Duration BUILD = Duration.ofMinutes(5);
    private static final Map<String, Object> APPROVE = Map.of("OVERRIDE_SOAK", false, "OVERRIDE_REASON", "");

    private static RealBuild gate(String job, String settings, String startedBy) {
        RealJenkins jenkins = RealJenkins.get();
        jenkins.pipelineJob(job, "@Library('deploy-gates') _\n"
                + "def decision = promotionGate(timeout: '4m', minimumSoak: '0s'" + settings + ")\n"
                + "echo \"decision: ${decision.outcome}\"\n");
        return jenkins.build(job, startedBy);
    }

    @Test
    void fourEyesRefusesTheStarterAndCountsAnotherApprover() {
        RealBuild build = gate("gate-four-eyes", "", "alice");

        assertThat(build.answerInput("Promote", "alice", APPROVE).accepted()).isTrue();
        assertThat(build.answerInput("Promote2", "bob", APPROVE).accepted()).isTrue();

        assertThat(build.awaitResult(BUILD)).isEqualTo("SUCCESS");
        assertThat(build.console()).contains("approval by alice refused: four-eyes is on and alice started this build;"
                + " another person must approve").contains("decision: promoted by bob");
    }

    @Test
    void aQuorumOfTwoCountsTwoPeopleWhoDidNotStartTheBuild() {
        RealBuild build = gate("gate-quorum", ", quorum: 2", "admin");

        build.answerInput("Promote", "alice", APPROVE);
        build.answerInput("Promote2", "alice", APPROVE);
        build.answerInput("Promote3", "bob", APPROVE);

        assertThat(build.awaitResult(BUILD)).isEqualTo("SUCCESS");
        assertThat(build.console()).contains("[promotionGate] approval 1 of 2 by alice",
                "[promotionGate] approval by alice refused: alice has already approved; 2 distinct approvers are needed",
                "[promotionGate] approval 2 of 2 by bob", "decision: promoted by alice, bob");
    }

    @Test
    void onlyTheSubmitterMayApprove() {
        RealBuild build = gate("gate-submitter", ", submitter: 'bob'", "admin");

        JenkinsResponse alice = build.answerInput("Promote", "alice", APPROVE);
        assertThat(alice.accepted()).as("alice's answer: HTTP %s %s", alice.status(), alice.text()).isFalse();
        assertThat(build.answerInput("Promote", "bob", APPROVE).accepted()).isTrue();

        assertThat(build.awaitResult(BUILD)).isEqualTo("SUCCESS");
        assertThat(build.console()).doesNotContain("Approved by alice").contains("Approved by bob", "decision: promoted by bob");
    }
}
