package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Util;
import java.util.List;
import net.sf.json.JSONObject;
import org.junit.jupiter.api.Test;

/** The list parameters' text fields: what the Snippet Generator's textarea sends, and what it shows. */
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
    @SuppressWarnings("unchecked")
    void theFormsTextFieldsBecomeTheListsTheyEditAndEmptyOnesAreLeftOut() {
        JSONObject form = new JSONObject().element("url", "https://a.example/health")
                .element("expectJson", "$.status == \"ok\"\n\n $.version exists ").element("headers", "")
                .element("timeout", "5m");

        JSONObject bound = ListText.listsFromForm(form, "urls", "headers", "expectJson");

        assertThat((List<Object>) bound.getJSONArray("expectJson")).containsExactly("$.status == \"ok\"", "$.version exists");
        assertThat(bound.keySet()).containsExactlyInAnyOrder("url", "expectJson", "timeout");
        assertThat(form.getString("expectJson")).as("the form's own data is left as it was").contains("\n");
    }

    @Test
    void theFormChecksOfTheListFieldsUseTheRuntimeParsers() {
        assertThat(new HealthGateStep.DescriptorImpl().doCheckExpectJson("$.a..\n").getMessage()).contains("malformed JSONPath");
        assertThat(new HealthGateStep.DescriptorImpl().doCheckExpectJson(null).getMessage()).isNull();
        assertThat(new SmokeAuthFlowStep.DescriptorImpl().doCheckOverrides("meExpect=200\nbroken").getMessage())
                .isEqualTo(Util.escape("overrides line 'broken' is not name=value: write it like mePath=/api/v2/me."));
        assertThat(new SmokeAuthFlowStep.DescriptorImpl().doCheckOverrides("").getMessage()).isNull();
    }
}
