package io.jenkins.plugins.deploygates.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.testing.RealBuild;
import io.jenkins.plugins.deploygates.testing.RealJenkins;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** promotionGate in the kit's real Jenkins: approvals are real input steps answered through the REST API. */
class PromotionGateITest {
    private static final Duration BUILD = Duration.ofMinutes(5);

    @Test
    void fourEyesRefusesTheStarterAndCountsAnotherApprover() {
        RealJenkins jenkins = RealJenkins.get();
        jenkins.pipelineJob("gate-four-eyes", "@Library('deploy-gates') _\n"
                + "def decision = promotionGate(timeout: '3m', minimumSoak: '0s')\n"
                + "echo \"decision: ${decision.outcome}\"\n");
        RealBuild build = jenkins.build("gate-four-eyes", "alice");

        assertThat(build.answerInput("Promote", "alice", Map.of("OVERRIDE_SOAK", false, "OVERRIDE_REASON", "")).accepted()).isTrue();
        assertThat(build.answerInput("Promote2", "bob", Map.of("OVERRIDE_SOAK", false, "OVERRIDE_REASON", "")).accepted()).isTrue();

        assertThat(build.awaitResult(BUILD)).isEqualTo("SUCCESS");
        assertThat(build.console()).contains("approval by alice refused: four-eyes is on and alice started this build;"
                + " another person must approve").contains("decision: promoted by bob");
    }
}
