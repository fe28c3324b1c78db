package io.jenkins.plugins.deploygates.engine.common;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms a secret takes when a server or a tool quotes it back encoded: URL-encoded (form and path style, hex
 * in either case) and base64 (standard and URL-safe). Base64 is also matched inside a longer blob
 * ({@code base64("user:" + secret)}, a token inside a JWT): for each of the three byte alignments the secret can
 * have there, the characters that depend on the secret's bytes alone are the same whatever surrounds it.
 */
final class EncodedForms {
    /** An inner base64 run shorter than this could match ordinary text by chance, so it is not masked. */
    private static final int MIN_INNER_BASE64 = 8;
    private static final Pattern PERCENT_HEX = Pattern.compile("%[0-9A-F]{2}");

    private EncodedForms() {}

    /** The secret itself first, then each distinct encoded form of it. */
    static Set<String> of(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        forms.add(form);
        forms.add(form.replace("+", "%20"));
        forms.add(lowerHex(form));
        forms.add(lowerHex(form.replace("+", "%20")));
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        for (Base64.Encoder encoder : new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder()}) {
            forms.add(encoder.withoutPadding().encodeToString(bytes));
            for (int shift = 0; shift < 3; shift++) {
                String inner = inner(encoder.withoutPadding(), bytes, shift);
                if (inner.length() >= MIN_INNER_BASE64) {
                    forms.add(inner);
                }
            }
        }
        return forms;
    }

    /** The base64 characters of {@code secret} preceded by {@code shift} other bytes that depend on it alone. */
    private static String inner(Base64.Encoder encoder, byte[] secret, int shift) {
        byte[] shifted = new byte[shift + secret.length];
        System.arraycopy(secret, 0, shifted, shift, secret.length);
        String encoded = encoder.encodeToString(shifted);
        int first = (8 * shift + 5) / 6;        // first character whose 6 bits all come from the secret
        int end = 8 * (shift + secret.length) / 6; // characters after this one mix in what follows
        return first < end ? encoded.substring(first, end) : "";
    }

    private static String lowerHex(String encoded) {
        Matcher m = PERCENT_HEX.matcher(encoded);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, m.group().toLowerCase(Locale.ROOT));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
