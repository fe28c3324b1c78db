package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start of a response body as a failure reason may quote it. A body can hold credentials the run never learnt
 * (another session's id, a fresh token, an API key), which no known-value redaction can mask; so every run of 16 or
 * more token characters that holds a digit is masked, whatever it is, before the text is cut to its length.
 */
final class ResponseQuote {
    static final int LENGTH = 160;
    private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9_\\-+/=~.]{16,}");
    private static final Pattern DIGIT = Pattern.compile("\\d");

    private ResponseQuote() {}

    static String of(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        Matcher m = OPAQUE.matcher(flat);
        StringBuilder masked = new StringBuilder();
        while (m.find()) {
            String run = m.group();
            m.appendReplacement(masked, Matcher.quoteReplacement(DIGIT.matcher(run).find() ? Redactor.MASK : run));
        }
        m.appendTail(masked);
        String text = masked.toString();
        return text.length() <= LENGTH ? text : text.substring(0, LENGTH) + "…";
    }
}
