package io.jenkins.plugins.deploygates.engine.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesEveryUnitUsersWrite() {
        assertThat(Durations.parse("interval", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("interval", "2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("interval", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("interval", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("interval", " 1h30m ")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void rejectsTextWithoutAUnitNamingTheParameter() {
        assertThatThrownBy(() -> Durations.parse("timeout", "30"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("timeout '30' has no unit: write it as 500ms, 2s, 5m or 1h.");
        assertThatThrownBy(() -> Durations.parse("timeout", "5 minutes"))
                .hasMessageContaining("timeout '5 minutes' is not a duration");
        assertThatThrownBy(() -> Durations.parse("timeout", "-1s")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> Durations.parse("timeout", "")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void formatsTheShortestExactForm() {
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }
}
