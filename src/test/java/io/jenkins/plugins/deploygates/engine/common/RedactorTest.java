package io.jenkins.plugins.deploygates.engine.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private final Redactor redactor = Redactor.byShape();

    @Test
    void masksSecretHeadersWhateverTheyHold() {
        assertThat(redactor.redact("Authorization: Bearer abc.def.ghi\nCookie: sid=42; theme=dark\nAccept: */*"))
                .isEqualTo("Authorization: ****\nCookie: ****\nAccept: */*");
        assertThat(redactor.redact("project-access-token: 1234-5678")).isEqualTo("project-access-token: ****");
    }

    @Test
    void masksQuerySecretsAndKeyValueSecrets() {
        assertThat(redactor.redact("GET https://app.example.com/auth/verify?token=eyJhbGciOi.x&next=/home"))
                .isEqualTo("GET https://app.example.com/auth/verify?token=****&next=/home");
        assertThat(redactor.redact("password=hunter22 user=bob")).isEqualTo("password=**** user=bob");
        assertThat(redactor.redact("https://deploy:s3cr3t@vps.example.com/")).isEqualTo("https://deploy:****@vps.example.com/");
    }

    @Test
    void masksJsonFieldsNamedLikeCredentials() {
        assertThat(redactor.redact("{\"sessionToken\":\"abc123\",\"user\":\"bob\",\"access_token\":\"zz9\"}"))
                .isEqualTo("{\"sessionToken\":\"****\",\"user\":\"bob\",\"access_token\":\"****\"}");
    }

    @Test
    void masksKnownValuesAnywhereLongestFirst() {
        Redactor known = redactor.with("tok-123456", "tok-123456-extended");

        assertThat(known.redact("sent tok-123456-extended then tok-123456")).isEqualTo("sent **** then ****");
        assertThat(known.redact("short ab is left")).isEqualTo("short ab is left");
        assertThat(redactor.with("ab").redact("ab")).isEqualTo("ab");
    }

    @Test
    void knowsTheValuesOfSecretHeadersWithAndWithoutTheirSchemeWord() {
        Redactor known = redactor.withHeaderSecrets(java.util.Map.of("Authorization", "Bearer abc-123-def",
                "X-Request-Id", "req-42-visible"));

        assertThat(known.redact("server said: abc-123-def is revoked (req-42-visible)"))
                .isEqualTo("server said: **** is revoked (req-42-visible)");
    }

    @Test
    void knowsTheValuesOfQuerySecretsEvenWhereTheyAppearWithoutTheirName() {
        Redactor known = redactor.withQuerySecrets("https://x.example/health?env=prod&token=t%2Fk-9931&api_key=k-77a1");

        assertThat(known.redact("denied: t/k-9931, t%2Fk-9931 and k-77a1 for prod"))
                .isEqualTo("denied: ****, **** and **** for prod");
        assertThat(redactor.withQuerySecrets("https://x.example/health")).usingRecursiveComparison().isEqualTo(redactor);
    }

    @Test
    void aHeaderLineQuotedInAnErrorKeepsOnlyItsName() {
        assertThat(Redactor.headerLine("X-Api-Key k-12345")).isEqualTo("X-Api-Key ****");
        assertThat(Redactor.headerLine("Authorization:Bearer x")).isEqualTo("Authorization: ****");
        assertThat(Redactor.headerLine("Accept")).isEqualTo("Accept");
        assertThat(Redactor.headerLine(null)).isEmpty();
    }

    @Test
    void userFacingFailuresKeepTheirKindWithTheirMessageRedacted() {
        Redactor known = redactor.with("s3cr3t-value");

        RuntimeException config = known.redact(new ConfigurationException("bad s3cr3t-value"));
        RuntimeException failed = known.redact(new GateFailedException("failed with s3cr3t-value"));
        IllegalStateException bug = new IllegalStateException("s3cr3t-value");

        assertThat(config).isInstanceOf(ConfigurationException.class).hasMessage("bad ****");
        assertThat(failed).isInstanceOf(GateFailedException.class).hasMessage("failed with ****");
        assertThat(known.redact(bug)).isSameAs(bug);
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String line = "await https://api.example.com/health 200 12ms success";
        assertThat(redactor.redact(line)).isEqualTo(line);
        assertThat(Redactor.isSecretHeader("X-Request-Id")).isFalse();
        assertThat(Redactor.isSecretHeader("X-Github-Token")).isTrue();
    }

    @Test
    void aChainedRedactorNeverForgetsWhatItKnewBefore() {
        Redactor chained = redactor.with("first-secret-1111").with(List.of("second-secret-2222"))
                .withHeaderSecrets(Map.of("X-Functions-Key", "fn-key-3333"))
                .withQuerySecrets("https://x.example/health?token=q-tok-4444")
                .withHeaderValues(List.of("Bearer cred-5555")).with("last-secret-6666");

        assertThat(chained.redact("first-secret-1111 second-secret-2222 fn-key-3333 q-tok-4444 cred-5555"
                + " last-secret-6666")).isEqualTo("**** **** **** **** **** ****");
    }

    @Test
    void headerNamesThatHoldKeysAndTokensAreSecret() {
        assertThat(List.of("apikey", "api-key", "Api_Key", "X-Api-Key", "X-Functions-Key", "X-Api-Token", "Private-Token",
                "Ocp-Apim-Subscription-Key", "X-Goog-Api-Key", "Proxy-Authorization", "X-Auth", "X-Auth-Token",
                "Authorization", "Cookie", "X-Session-Id", "X-Client-Secret", "X-Signature", "X-Credential"))
                .allSatisfy(name -> assertThat(Redactor.isSecretHeader(name)).as(name).isTrue());
        assertThat(List.of("Accept", "Content-Type", "X-Request-Id", "User-Agent", "X-Correlation-Id", "Author",
                "X-Authority-Zone", "Cache-Control", "smokeAuthFlow"))
                .allSatisfy(name -> assertThat(Redactor.isSecretHeader(name)).as(name).isFalse());
    }

    @Test
    void aStepNameBeforeAColonIsNoHeader() {
        String line = "smokeAuthFlow: flow health-only, 1 check";

        assertThat(redactor.redact(line)).isEqualTo(line);
    }

    @Test
    void masksHeaderLinesAndJsonFieldsNamedLikeKeysByShape() {
        assertThat(redactor.redact("apikey: a1\nX-Functions-Key: a2\nPrivate-Token: a3\nAccept: */*"))
                .isEqualTo("apikey: ****\nX-Functions-Key: ****\nPrivate-Token: ****\nAccept: */*");
        assertThat(redactor.redact("$['headers'] is {\"apikey\":\"a1\",\"X-Functions-Key\":\"a\\\"2\","
                + "\"x-api-token\":\"a3\",\"user\":\"bob\"}"))
                .isEqualTo("$['headers'] is {\"apikey\":\"****\",\"X-Functions-Key\":\"****\","
                        + "\"x-api-token\":\"****\",\"user\":\"bob\"}");
    }

    @Test
    void masksBase64AndUrlEncodedFormsOfAKnownValue() {
        String secret = "s3cr3t/value+x y=1";
        Redactor known = redactor.with(secret);
        String std = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);

        assertThat(known.redact("a " + std + " b " + url + " c " + form + " d " + form.replace("+", "%20")
                + " e " + form.toLowerCase())).doesNotContain(std.replace("=", ""), url, form, "value")
                .doesNotContain(form.replace("+", "%20"), form.toLowerCase());
    }

    @Test
    void aKnownValueInsideALongerBase64BlobCannotBeDecodedBack() {
        String secret = "pw-81726354-zz";
        Redactor known = redactor.with(secret);
        for (String before : List.of("", "u", "us", "user:", "deploy:")) {
            for (String after : List.of("", "!", "?x", "&next=1")) {
                String blob = Base64.getEncoder().encodeToString((before + secret + after).getBytes(StandardCharsets.UTF_8));

                String shown = known.redact("blob " + blob);

                assertThat(shown).as(before + "|" + after).contains(Redactor.MASK);
                assertThat(decodable(shown)).as(before + "|" + after).doesNotContain(secret);
            }
        }
    }

    /** What an attacker gets back from a redacted blob: each base64 run decoded, at every alignment. */
    private static String decodable(String text) {
        StringBuilder all = new StringBuilder();
        java.util.regex.Matcher run = java.util.regex.Pattern.compile("[A-Za-z0-9+/]{4,}").matcher(text);
        while (run.find()) {
            for (int skip = 0; skip < 4 && skip < run.group().length(); skip++) {
                String part = run.group().substring(skip);
                part = part.substring(0, part.length() - part.length() % 4);
                all.append(new String(Base64.getDecoder().decode(part), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return all.toString();
    }

    @Test
    void aBasicCredentialIsKnownDecodedToo() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("deploy:pw-5f3a9c".getBytes(StandardCharsets.UTF_8));
        Redactor known = redactor.withHeaderSecrets(Map.of("Authorization", basic));

        assertThat(known.redact("user deploy:pw-5f3a9c; password pw-5f3a9c")).isEqualTo("user ****; password ****");
    }

    /**
     * Text from servers and tools can be long and hostile: a megabyte without a line break, a quote that never closes,
     * a scheme-like word that never becomes a URL. Each is redacted in linear time (a backtracking pattern would take
     * hours on these); the ceiling is generous.
     */
    @Test
    void hostileLongTextIsRedactedWithoutBacktracking() {
        String run = "a".repeat(1 << 20);
        List<String> inputs = List.of(run, "\"" + run, "{\"" + run + "\":\"" + run, run + "key", "x" + run + ":",
                "https://" + run + ":" + run, "Bearer " + run, "token" + run + "=" + run);
        Redactor known = redactor.with("known-secret-1234");

        assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
            for (String text : inputs) {
                assertThat(known.redact(text)).hasSizeLessThanOrEqualTo(text.length());
            }
        });
        assertThat(redactor.redact("https://deploy:" + run + "@host/")).isEqualTo("https://deploy:****@host/");
        assertThat(redactor.redact("{\"x-" + run + "-key\":\"v\"}")).isEqualTo("{\"x-" + run + "-key\":\"****\"}");
    }
}
