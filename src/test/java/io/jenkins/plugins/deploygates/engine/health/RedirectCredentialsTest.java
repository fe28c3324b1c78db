package io.jenkins.plugins.deploygates.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.health.ScriptedServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The attack: a health endpoint (or whoever controls its redirects) sends the gate to a server of its choosing and
 * collects the Authorization and API-key headers the gate was given for the endpoint. Headers only ever go to the
 * target's own origin (scheme, host and port).
 */
class RedirectCredentialsTest {
    private static final String TOKEN = "tok-9f27c4e18a";
    private static final String API_KEY = "key-51d0b7e3";

    private GateRuntime runtime = GateRuntime.create();
    private final List<String> log = new CopyOnWriteArrayList<>();
    /** Every credential header the collecting server was sent, as "Name: value". */
    private final List<String> collected = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        runtime.close();
    }

    /** The other origin: answers 200 and keeps any credential it is sent. */
    private ScriptedServer collector() throws Exception {
        return new ScriptedServer((n, x) -> {
            for (String name : List.of("Authorization", "X-Api-Key")) {
                String value = x.getRequestHeaders().getFirst(name);
                if (value != null) {
                    collected.add(name + ": " + value);
                }
            }
            return Reply.of(200, "{\"status\":\"ok\"}");
        });
    }

    private HealthTarget.Builder target(String url) {
        return HealthTarget.builder(url).header("Authorization: Bearer " + TOKEN).header("X-Api-Key", API_KEY)
                .followRedirects(true);
    }

    private Verdict run(HealthTarget target, int successThreshold) throws Exception {
        return HealthGate.run(HealthGateConfig.builder().target(target).interval(Duration.ofMillis(20))
                .attemptTimeout(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(30)).successThreshold(successThreshold)
                .build(), runtime, log::add, Redactor.byShape());
    }

    @Test
    void aRedirectToAnotherHostIsFollowedWithoutTheHeadersAndTheLogSaysSo() throws Exception {
        try (ScriptedServer other = collector();
                ScriptedServer origin = new ScriptedServer((n, x) -> Reply.redirect(other.url("/collect")))) {
            Verdict v = run(target(origin.url("/health")).build(), 3);

            assertThat(v.isHealthy()).isTrue();
            assertThat(other.requests()).isEqualTo(3);
            assertThat(collected).isEmpty();
            String origin2 = "http://127.0.0.1:" + other.url("").replaceAll(".*:", "");
            assertThat(log).filteredOn(l -> l.contains("redirects to another origin")).containsExactly("[healthGate] "
                    + origin.url("/health") + " redirects to another origin (" + origin2 + "): followed without its 2"
                    + " configured header(s), which only go to http://127.0.0.1:" + origin.url("").replaceAll(".*:", ""));
            assertThat(String.join("\n", log)).doesNotContain("/collect");
        }
    }

    @Test
    void aRedirectToAnotherOriginIsRefusedWhenTheUserSaysSo() throws Exception {
        try (ScriptedServer other = collector();
                ScriptedServer origin = new ScriptedServer((n, x) -> Reply.redirect(other.url("/collect?token=xyz")))) {
            HealthTarget target = target(origin.url("/health")).crossOriginRedirects(CrossOriginRedirects.REFUSE).build();

            Verdict v = GateRuns.stoppedAfter(1, HealthGateConfig.builder().target(target).build(), runtime, log::add);

            assertThat(other.requests()).isZero();
            assertThat(v.isHealthy()).isFalse();
            assertThat(v.getLastFailure().getStatus()).isEqualTo(302);
            assertThat(v.getLastFailure().getDetail()).isEqualTo("redirected to another origin (http://127.0.0.1:"
                    + other.url("").replaceAll(".*:", "") + "); not followed, as crossOriginRedirects is refuse");
        }
    }

    @Test
    void aRedirectOnTheSameOriginKeepsTheHeaders() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ScriptedServer origin = new ScriptedServer((n, x) -> {
            seen.add(x.getRequestURI().getPath() + " " + x.getRequestHeaders().getFirst("Authorization"));
            return x.getRequestURI().getPath().equals("/old") ? Reply.redirect("/health") : Reply.of(200, "{}");
        })) {
            Verdict v = run(target(origin.url("/old")).build(), 1);

            assertThat(v.isHealthy()).isTrue();
            assertThat(seen).containsExactly("/old Bearer " + TOKEN, "/health Bearer " + TOKEN);
            assertThat(log).noneMatch(l -> l.contains("another origin"));
        }
    }

    @Test
    void aChainThatLeavesTheOriginNeverGetsTheHeadersBack() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ScriptedServer origin = new ScriptedServer((n, x) -> {
            seen.add(x.getRequestURI().getPath() + " " + x.getRequestHeaders().getFirst("Authorization"));
            return Reply.of(200, "{}");
        }); ScriptedServer bouncer = new ScriptedServer((n, x) -> Reply.redirect(origin.url("/steal-via-origin")))) {
            // The first hop goes from the origin's /start... to the bouncer, which sends the gate back to the origin.
            try (ScriptedServer start = new ScriptedServer((n, x) -> Reply.redirect(bouncer.url("/b")))) {
                Verdict v = run(target(start.url("/health")).build(), 1);

                assertThat(v.isHealthy()).isTrue();
                assertThat(seen).containsExactly("/steal-via-origin null");
            }
        }
    }

    @Test
    void aRedirectToANonHttpAddressIsNotFollowed() throws Exception {
        try (ScriptedServer origin = new ScriptedServer((n, x) -> Reply.redirect("file:///etc/passwd"))) {
            Verdict v = GateRuns.stoppedAfter(1, HealthGateConfig.builder().target(target(origin.url("/health")).build())
                    .build(), runtime, log::add);

            assertThat(v.getLastFailure().getDetail()).isEqualTo("redirected to a Location that is not an http(s) address");
        }
    }

    @Test
    void anHttpsToHttpDowngradeNeverCarriesTheHeaders() throws Exception {
        HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
        HandshakeCertificates serverSide = new HandshakeCertificates.Builder().heldCertificate(certificate).build();
        HandshakeCertificates clientSide = new HandshakeCertificates.Builder()
                .addTrustedCertificate(certificate.certificate()).build();
        runtime.close();
        runtime = GateRuntime.trusting(clientSide.sslContext());
        try (ScriptedServer plain = collector(); MockWebServer secure = new MockWebServer()) {
            secure.useHttps(serverSide.sslSocketFactory(), false);
            secure.enqueue(new MockResponse().setResponseCode(301).setHeader("Location", plain.url("/health")));
            secure.start(java.net.InetAddress.getLoopbackAddress(), 0);

            Verdict v = run(target("https://127.0.0.1:" + secure.getPort() + "/health").build(), 1);

            RecordedRequest first = secure.takeRequest(5, TimeUnit.SECONDS);
            assertThat(first.getHeader("Authorization")).as("the https origin gets its header").isEqualTo("Bearer " + TOKEN);
            assertThat(v.isHealthy()).isTrue();
            assertThat(plain.requests()).isEqualTo(1);
            assertThat(collected).isEmpty();
            assertThat(log).anyMatch(l -> l.contains("redirects to another origin (http://127.0.0.1:"));
        }
    }
}
