package io.jenkins.plugins.deploygates.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One answer of the real Jenkins: status, headers (names in lower case) and body, for tests to look at. */
public record JenkinsResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** 2xx, or a redirect (Jenkins answers a form post with one). */
    public boolean accepted() {
        return status >= 200 && status < 400;
    }
}
