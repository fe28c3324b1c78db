package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.health.CrossOriginRedirects;
import io.jenkins.plugins.deploygates.engine.health.HealthGateConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the step's parameters become in the spec Jenkins persists, and so in the engine (no StepContext needed). */
class HealthGateStepSpecTest {
    @Test
    void theThresholdAndTheRedirectChoiceReachTheEngine() {
        HealthGateStep step = new HealthGateStep("https://api.example.com/health");
        step.setSuccessThreshold(3);
        step.setFollowRedirects(true);
        step.setCrossOriginRedirects(" refuse ");
        step.setHeaders(List.of("Accept: application/json"));

        HealthGateConfig config = step.toSpec().toConfig();

        assertThat(config.successThreshold()).isEqualTo(3);
        assertThat(config.targets().get(0).crossOriginRedirects()).isEqualTo(CrossOriginRedirects.REFUSE);
        assertThat(config.targets().get(0).followRedirects()).isTrue();
    }

    @Test
    void anUnsetAttemptTimeoutFollowsAShortTimeout() {
        HealthGateStep step = new HealthGateStep("https://api.example.com/health");
        step.setTimeout("2s");
        step.setAttemptTimeout(" ");
        step.setCrossOriginRedirects("");

        HealthGateConfig config = step.toSpec().toConfig();

        assertThat(config.attemptTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.targets().get(0).crossOriginRedirects()).isEqualTo(CrossOriginRedirects.DROP_HEADERS);
        assertThat(step.getAttemptTimeout()).isNull();
    }
}
