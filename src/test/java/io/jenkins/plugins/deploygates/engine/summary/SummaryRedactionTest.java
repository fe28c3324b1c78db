package io.jenkins.plugins.deploygates.engine.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Records may quote a server or a tool; whatever they quote, the summary keeps no secret and no page of text. */
class SummaryRedactionTest {
    private static final String TOKEN = "tok-9f8e7d6c5b4a";

    @Test
    void secretsInReasonsAddressesAndFiguresAreMasked() throws Exception {
        JsonNode record = Json.MAPPER.readTree("{\"operation\":\"railway-up\",\"deploymentId\":\"d-1\",\"verdict\":\"FAILED\","
                + "\"status\":\"CRASHED\",\"serviceName\":\"api\",\"reason\":\"upload answered 401 for Authorization: Bearer "
                + TOKEN + "\",\"url\":\"https://deploy:" + TOKEN + "@railway.example/d-1\","
                + "\"logsUrl\":\"https://railway.example/logs?token=" + TOKEN + "\"}");

        GateVerdict verdict = GateVerdicts.railway(record);

        assertThat(everything(verdict)).doesNotContain(TOKEN).contains("****");
        assertThat(verdict.getDetail()).isEqualTo("upload answered 401 for Authorization: Bearer ****");
        assertThat(verdict.getLinks()).extracting(Figure::getValue)
                .containsExactly("https://deploy:****@railway.example/d-1", "https://railway.example/logs?token=****");
    }

    @Test
    void onlyWebAddressesBecomeLinks() throws Exception {
        JsonNode record = Json.MAPPER.readTree("{\"operation\":\"railway-up\",\"deploymentId\":\"d-1\",\"verdict\":\"PASSED\","
                + "\"url\":\"javascript:alert(document.cookie)\",\"logsUrl\":\"data:text/html,<script>x</script>\"}");

        assertThat(GateVerdicts.railway(record).getLinks()).isEmpty();
    }

    @Test
    void aReasonOfAMegabyteIsCutToOneLineOfFourHundredCharacters() throws Exception {
        String huge = "line one\n" + "x".repeat(1_000_000);
        JsonNode record = Json.MAPPER.createObjectNode().put("kind", "healthGate")
                .set("verdict", Json.MAPPER.createObjectNode().put("verdict", "FAIL").put("reason", huge));

        GateVerdict verdict = GateVerdicts.health(record);

        assertThat(verdict.getDetail()).hasSize(SummaryText.LONG).startsWith("line one x").endsWith("\u2026");
    }

    private static String everything(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
