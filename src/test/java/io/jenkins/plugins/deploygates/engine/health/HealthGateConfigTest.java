package io.jenkins.plugins.deploygates.engine.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad configuration is refused before any request, with one sentence naming the parameter. */
class HealthGateConfigTest {
    private static HealthGateConfig.Builder valid() {
        return HealthGateConfig.builder().target(HealthTarget.builder("https://api.example.com/health").build());
    }

    @Test
    void rejectsABadUrl() {
        assertThatThrownBy(() -> HealthTarget.builder("api.example.com/health"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("url 'api.example.com/health' is not a usable address: give a full http://, https://, ws://"
                        + " or wss:// URL such as https://api.example.com/health.");
        assertThatThrownBy(() -> HealthTarget.builder("ftp://x/y")).hasMessageStartingWith("url 'ftp://x/y'");
        assertThatThrownBy(() -> HealthTarget.builder(" ")).hasMessageStartingWith("url is empty");
    }

    @Test
    void rejectsANegativeInterval() {
        assertThatThrownBy(() -> valid().interval(Duration.ofSeconds(-1)).build())
                .hasMessage("interval must be longer than zero: write it as 500ms, 2s, 5m or 1h.");
        assertThatThrownBy(() -> valid().initialDelay(Duration.ofSeconds(-1)).build())
                .hasMessageStartingWith("initialDelay must not be negative");
    }

    @Test
    void rejectsAMalformedJsonPath() {
        assertThatThrownBy(() -> HealthTarget.builder("http://x/h").expectJson("$.checks.. == \"up\""))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("expectJson '$.checks.. == \"up\"' has a malformed JSONPath");
        assertThatThrownBy(() -> HealthTarget.builder("http://x/h").expectJson("status == ok"))
                .hasMessageContaining("is not an assertion");
    }

    @Test
    void rejectsAThresholdOfZero() {
        assertThatThrownBy(() -> valid().successThreshold(0).build()).hasMessageStartingWith("successThreshold is 0");
    }

    @Test
    void rejectsWatchLimitsWithoutAWatch() {
        assertThatThrownBy(() -> valid().maxErrorRate(0.01).build()).hasMessageContaining("also set watch");
        assertThatThrownBy(() -> valid().watch(Duration.ofMinutes(1)).maxErrorRate(2.0).build())
                .hasMessageStartingWith("maxErrorRate is 2.0");
    }

    @Test
    void rejectsBadStatusRangesAndHeaders() {
        assertThatThrownBy(() -> StatusRanges.parse("2xx")).hasMessageStartingWith("expectStatus '2xx'");
        assertThatThrownBy(() -> StatusRanges.parse("299-200")).hasMessageContaining("backwards");
        assertThatThrownBy(() -> HealthTarget.builder("http://x/h").header("Authorization Bearer abc"))
                .hasMessage("header 'Authorization ****' is not a header: write it as 'Name: value'.");
        assertThatThrownBy(() -> HealthTarget.builder("http://x/h").header("Host: other"))
                .hasMessageContaining("set by the HTTP client itself");
    }

    @Test
    void acceptsStatusListsAndRanges() {
        StatusRanges r = StatusRanges.parse("200-204, 301");
        assertThat(r.contains(204)).isTrue();
        assertThat(r.contains(301)).isTrue();
        assertThat(r.contains(302)).isFalse();
    }

    @Test
    void plansTheWatchSampleCount() {
        HealthGateConfig c = valid().interval(Duration.ofSeconds(10)).watch(Duration.ofMinutes(15)).build();
        assertThat(c.plannedWatchSamples()).isEqualTo(90);
        assertThat(c.describe()).isEqualTo("await 1 target(s) every 10s for up to 5m (1 consecutive success(es) needed),"
                + " then watch 15m every 10s");
    }

    @Test
    void theTimeoutIsAnUpperBoundThatNoOtherSettingMayOutlast() {
        assertThatThrownBy(() -> valid().initialDelay(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(2)).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("initialDelay (10s) is not shorter than timeout"
                        + " (2s), which counts from the start: the gate would end before its first probe; give a longer"
                        + " timeout, such as 12s.");
        assertThatThrownBy(() -> valid().attemptTimeout(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(2)).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("attemptTimeout (10s) is longer than timeout"
                        + " (2s): one attempt would outlive the whole gate; give an attemptTimeout of at most 2s, or a"
                        + " longer timeout.");
        assertThatThrownBy(() -> HealthGateConfig.builder().target(HealthTarget.builder("wss://x/ws")
                .webSocket(null, null, Duration.ofSeconds(30)).build()).timeout(Duration.ofSeconds(30)).build())
                .hasMessageStartingWith("wsHold (30s) is not shorter than timeout (30s)");
        assertThat(valid().timeout(Duration.ofSeconds(2)).build().attemptTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(valid().attemptTimeout(Duration.ofSeconds(2)).timeout(Duration.ofSeconds(2)).build().attemptTimeout())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aResumedGateKeepsItsSettingsButOnlyTheTimeItHadLeft() {
        HealthGateConfig config = valid().initialDelay(Duration.ofSeconds(10)).timeout(Duration.ofMinutes(5))
                .interval(Duration.ofSeconds(7)).attemptTimeout(Duration.ofSeconds(3)).successThreshold(3)
                .watch(Duration.ofMinutes(2)).watchInterval(Duration.ofSeconds(11)).maxErrorRate(0.01)
                .maxP95(Duration.ofMillis(900)).maxConsecutiveFailures(2).build();

        HealthGateConfig resumed = config.resumedAfter(Duration.ofSeconds(70));

        assertThat(resumed.successThreshold()).as("the threshold survives a restart").isEqualTo(3);
        assertThat(resumed.targets()).isEqualTo(config.targets());
        assertThat(List.of(resumed.interval(), resumed.attemptTimeout(), resumed.watchInterval(), resumed.maxP95()))
                .containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(3), Duration.ofSeconds(11), Duration.ofMillis(900));
        assertThat(resumed.maxConsecutiveFailures()).isEqualTo(2);
        assertThat(resumed.describe()).isEqualTo(config.describe());
        assertThat(resumed.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(resumed.timeoutLeft()).isEqualTo(Duration.ofSeconds(230));
        assertThat(resumed.initialDelayLeft()).isZero();
        assertThat(resumed.watch()).isEqualTo(Duration.ofMinutes(2));
        assertThat(resumed.maxErrorRate()).isEqualTo(0.01);
        assertThat(resumed.resumedAfter(Duration.ofMinutes(10)).timeoutLeft()).as("restarted twice, long after").isZero();
        assertThat(config.timeoutLeft()).isEqualTo(config.timeout());
        assertThat(config.resumedAfter(Duration.ofSeconds(4)).initialDelayLeft()).isEqualTo(Duration.ofSeconds(6));
    }
}
