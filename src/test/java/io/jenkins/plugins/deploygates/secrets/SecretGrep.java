package io.jenkins.plugins.deploygates.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for secrets in an output the way someone reading it would: in clear, URL-decoded, and base64-decoded (standard
 * or URL-safe alphabet, padded or not, at whatever byte alignment the secret sits inside a longer blob, such as a
 * Basic credential {@code user:secret}). It decodes what it finds rather than encoding the secrets, so it does not
 * share the redactor's own idea of what an encoded secret looks like.
 */
final class SecretGrep {
    /** Runs that could be base64 of something: 8 characters or more of either alphabet. */
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/_-]{8,}");
    /** Runs that could be URL-encoded text. */
    private static final Pattern URL_RUN = Pattern.compile("[A-Za-z0-9%+._~*'()!-]*%[0-9A-Fa-f]{2}[A-Za-z0-9%+._~*'()!-]*");

    private SecretGrep() {}

    /** Fails naming where, which secret and in which form, if the text holds any of them. */
    static void assertNoSecret(String where, String text, Collection<String> secrets) {
        List<String> readings = readings(text);
        for (String secret : secrets) {
            assertThat(text).as(where + " holds a secret in clear").doesNotContain(secret);
            for (String reading : readings) {
                assertThat(reading).as(where + " holds a secret once decoded").doesNotContain(secret);
            }
        }
    }

    /** The text URL-decoded, and every base64-looking run in it decoded at each of the four alignments. */
    static List<String> readings(String text) {
        List<String> readings = new ArrayList<>();
        Matcher url = URL_RUN.matcher(text);
        StringBuilder urlDecoded = new StringBuilder();
        while (url.find()) {
            urlDecoded.append(urlDecode(url.group())).append('\n');
        }
        readings.add(urlDecoded.toString());
        Matcher run = BASE64_RUN.matcher(text);
        StringBuilder b64 = new StringBuilder();
        while (run.find()) {
            String standard = run.group().replace('-', '+').replace('_', '/');
            for (int skip = 0; skip < 4 && standard.length() - skip >= 4; skip++) {
                String part = standard.substring(skip);
                part = part.substring(0, part.length() - part.length() % 4);
                b64.append(new String(Base64.getDecoder().decode(part), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        readings.add(b64.toString());
        return readings;
    }

    private static String urlDecode(String run) {
        try {
            return URLDecoder.decode(run, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return run;
        }
    }
}
