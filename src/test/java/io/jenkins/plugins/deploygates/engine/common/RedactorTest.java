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
    void leavesOrdinaryTextAlone() {
        String line = "await https://api.example.com/health 200 12ms success";
        assertThat(redactor.redact(line)).isEqualTo(line);
        assertThat(Redactor.isSecretHeader("X-Request-Id")).isFalse();
        assertThat(Redactor.isSecretHeader("X-Github-Token")).isTrue();
    }
}
