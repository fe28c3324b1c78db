package io.jenkins.plugins.deploygates.engine.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.health.ScriptedServer.Reply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The spec is what Jenkins persists: every option must reach the engine from it, and no secret may live in it. */
class HealthGateSpecTest {
    private static final String TENANT_KEY = "tenant-key-6d2f9a81";

    private final GateRuntime runtime = GateRuntime.create();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        runtime.close();
    }

    private static HealthGateSpec everyOption() {
        return new HealthGateSpec().url("https://api.example.com/health").url("wss://api.example.com/ws")
                .method("HEAD").headers(List.of("Accept: application/json")).expectStatus("200-204")
                .expectJson(List.of("$.status == \"ok\"")).expectBody("ok").followRedirects(true)
                .crossOriginRedirects("refuse").webSocket("ping", "pong", "2s").initialDelay("1s").interval("3s")
                .attemptTimeout("4s").timeout("7m").successThreshold(3).watch("10m").watchInterval("20s")
                .maxErrorRate(0.02).maxP95("750ms").maxConsecutiveFailures(4);
    }

    @Test
    void everyOptionReachesTheConfig() {
        assertEveryOption(everyOption().toConfig());
    }

    @Test
    void everyOptionSurvivesTheSerialisationJenkinsDoes() throws Exception {
        assertEveryOption(roundTrip(everyOption()).toConfig());
    }

    private static void assertEveryOption(HealthGateConfig c) {
        assertThat(c.successThreshold()).isEqualTo(3);
        assertThat(List.of(c.initialDelay(), c.interval(), c.attemptTimeout(), c.timeout(), c.watch(), c.watchInterval(),
                c.maxP95())).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(4),
                Duration.ofMinutes(7), Duration.ofMinutes(10), Duration.ofSeconds(20), Duration.ofMillis(750));
        assertThat(c.maxErrorRate()).isEqualTo(0.02);
        assertThat(c.maxConsecutiveFailures()).isEqualTo(4);
        assertThat(c.targets()).hasSize(2).allSatisfy(t -> {
            assertThat(t.method()).isEqualTo("HEAD");
            assertThat(t.headers()).containsExactly(Map.entry("Accept", "application/json"));
            assertThat(t.expectStatus().contains(204)).isTrue();
            assertThat(t.expectStatus().contains(205)).isFalse();
            assertThat(t.assertions()).hasSize(2);
            assertThat(t.followRedirects()).isTrue();
            assertThat(t.crossOriginRedirects()).isEqualTo(CrossOriginRedirects.REFUSE);
            assertThat(List.of(t.wsSend(), t.wsExpect())).containsExactly("ping", "pong");
            assertThat(t.wsHold()).isEqualTo(Duration.ofSeconds(2));
        });
    }

    private static HealthGateSpec roundTrip(HealthGateSpec spec) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (HealthGateSpec) in.readObject();
        }
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        HealthGateConfig c = new HealthGateSpec().url("https://api.example.com/health").toConfig();

        assertThat(c.successThreshold()).isEqualTo(1);
        assertThat(c.attemptTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.targets().get(0).crossOriginRedirects()).isEqualTo(CrossOriginRedirects.DROP_HEADERS);
        assertThat(new HealthGateSpec().url("https://x/h").timeout("2s").toConfig().attemptTimeout())
                .as("the default attempt timeout never exceeds the timeout").isEqualTo(Duration.ofSeconds(2));
    }

    /**
     * The attack: a server that echoes its request headers, raw and base64-encoded, into the body a failing
     * assertion quotes. The header's name says nothing secret; it is secret because it came from a credential.
     */
    @Test
    void aSecretHeaderIsSentMaskedEverywhereAndNeverHeldByTheSpec() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = new ScriptedServer((n, x) -> {
            String tenant = x.getRequestHeaders().getFirst("X-Tenant");
            received.add(tenant);
            String b64 = Base64.getEncoder().encodeToString(("t:" + tenant).getBytes(StandardCharsets.UTF_8));
            return Reply.of(200, "{\"status\":\"denied\",\"echo\":{\"X-Tenant\":\"" + tenant + "\",\"b64\":\"" + b64
                    + "\",\"url\":\"" + java.net.URLEncoder.encode(tenant + "/x", StandardCharsets.UTF_8) + "\"}}");
        })) {
            HealthGateSpec spec = new HealthGateSpec().url(server.url("/health")).interval("1m").timeout("2m")
                    .expectJson(List.of("$.echo == \"nothing\""));

            Verdict v = GateRuns.stoppedAfter(1, spec.toConfig(Map.of("X-Tenant", TENANT_KEY)), runtime, log::add);

            assertThat(received).containsExactly(TENANT_KEY);
            assertThat(v.getLastFailure().getDetail()).startsWith("$['echo'] is {").contains("****");
            String everything = String.join("\n", log) + v.getReason() + v.getLastFailure().getDetail();
            assertThat(everything).doesNotContain(TENANT_KEY, Base64.getEncoder().encodeToString(("t:" + TENANT_KEY)
                    .getBytes(StandardCharsets.UTF_8)), java.net.URLEncoder.encode(TENANT_KEY + "/x", StandardCharsets.UTF_8));
            ByteArrayOutputStream persisted = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(persisted)) {
                out.writeObject(spec);
            }
            assertThat(persisted.toString(StandardCharsets.ISO_8859_1)).doesNotContain(TENANT_KEY);
        }
    }

    @Test
    void aHeaderGivenBothInClearAndAsASecretIsRefused() {
        HealthGateSpec spec = new HealthGateSpec().url("https://x/h").headers(List.of("authorization: Bearer a"));

        assertThatThrownBy(() -> spec.toConfig(Map.of("Authorization", "Bearer b"))).isInstanceOf(ConfigurationException.class)
                .hasMessage("header 'Authorization' is given twice (header names ignore case): keep one.");
        assertThatThrownBy(() -> new HealthGateSpec().url("https://x/h").toConfig(Map.of("X-Api-Key", "")))
                .hasMessageStartingWith("the secret value of header 'X-Api-Key' is empty");
    }

    @Test
    void itNamesThePlainHeadersThatLookLikeCredentials() {
        HealthGateSpec spec = new HealthGateSpec().headers(List.of("Accept: */*", "X-Functions-Key: k", "apikey: v",
                "Authorization: Bearer t", "X-Request-Id: 7"));

        assertThat(spec.secretLookingHeaderNames()).containsExactly("X-Functions-Key", "apikey", "Authorization");
        assertThat(Redactor.isSecretHeader("X-Request-Id")).isFalse();
    }

    @Test
    void aBadCrossOriginChoiceIsOneSentence() {
        assertThatThrownBy(() -> new HealthGateSpec().url("https://x/h").crossOriginRedirects("follow").toConfig())
                .isInstanceOf(ConfigurationException.class).hasMessage("crossOriginRedirects 'follow' is not a choice:"
                        + " write drop-headers (follow without the configured headers, the default) or refuse.");
    }
}
