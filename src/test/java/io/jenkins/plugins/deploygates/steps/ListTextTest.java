package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The text twins of the list parameters: what the Snippet Generator's textarea sends, and what it shows. */
class ListTextTest {
    @Test
    void splitsOneItemPerLineTrimmedWithoutBlankLines() {
        assertThat(ListText.split("$.status == \"ok\"\r\n\n  $.db != \"down\"  \n")).containsExactly("$.status == \"ok\"", "$.db != \"down\"");
        assertThat(ListText.split("Authorization: Bearer a, b")).containsExactly("Authorization: Bearer a, b");
        assertThat(ListText.split(null)).isEmpty();
        assertThat(ListText.split(" \n ")).isEmpty();
    }

    @Test
    void joinsOnePerLineAndNothingForNone() {
        assertThat(ListText.join(List.of("https://a.example/health", "wss://a.example/ws"))).isEqualTo("https://a.example/health\nwss://a.example/ws");
        assertThat(ListText.join(List.of())).isNull();
        assertThat(ListText.join(null)).isNull();
    }

    @Test
    void aJoinedListSplitsBackToTheSameList() {
        List<String> items = List.of("DATABASE_URL", "REDIS_URL");
        assertThat(ListText.split(ListText.join(items))).isEqualTo(items);
        assertThat(ListText.split("one")).isInstanceOf(java.util.ArrayList.class);
    }

    @Test
    void theTextTwinAndTheListSetTheSameParameter() {
        HealthGateStep gate = new HealthGateStep("https://a.example/health");
        gate.setExpectJsonText("$.status == \"ok\"\n$.version exists");
        gate.setHeadersText("Accept: application/json");
        gate.setUrlsText(null);
        RailwayUpStep up = new RailwayUpStep("api");
        up.setRequiredVariables(List.of("DATABASE_URL", "REDIS_URL"));
        SmokeAuthFlowStep smoke = new SmokeAuthFlowStep("https://a.example", "smoke@a.example");
        smoke.setOverridesText("meExpect=200\n\nlinkRequestPath=/auth/magic");

        assertThat(gate.getExpectJson()).containsExactly("$.status == \"ok\"", "$.version exists");
        assertThat(gate.getHeaders()).containsExactly("Accept: application/json");
        assertThat(gate.getUrls()).isEmpty();
        assertThat(gate.getUrlsText()).isNull();
        assertThat(up.getRequiredVariablesText()).isEqualTo("DATABASE_URL\nREDIS_URL");
        assertThat(smoke.getOverrides()).containsExactly("meExpect=200", "linkRequestPath=/auth/magic");
        assertThat(smoke.getOverridesText()).isEqualTo("meExpect=200\nlinkRequestPath=/auth/magic");
    }

    @Test
    void theFormChecksOfTheTextTwinsUseTheRuntimeParsers() {
        assertThat(new HealthGateStep.DescriptorImpl().doCheckExpectJsonText("$.a..\n").getMessage()).contains("malformed JSONPath");
        assertThat(new HealthGateStep.DescriptorImpl().doCheckExpectJsonText(null).getMessage()).isNull();
        assertThat(new SmokeAuthFlowStep.DescriptorImpl().doCheckOverridesText("meExpect=200\nbroken").getMessage())
                .isEqualTo("overrides line 'broken' is not name=value: write it like mePath=/api/v2/me.");
        assertThat(new SmokeAuthFlowStep.DescriptorImpl().doCheckOverridesText("").getMessage()).isNull();
    }
}
