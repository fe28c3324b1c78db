package io.jenkins.plugins.deploygates.engine.common;

import static org.assertj.core.api.Assertions.assertThat;

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
}
