package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.BodyCap;
import java.util.List;
import java.util.Map;

/** One request the smoke test sent and what came back, kept only in memory (it holds secrets). */
final class HttpExchange {
    final String method;
    final String url;
    final int status;
    final Map<String, List<String>> headers;
    final String body;
    final long latencyMillis;
    /** The cap the body passed, so it was not read; 0 when it was read whole. */
    private long cap;

    HttpExchange(String method, String url, int status, Map<String, List<String>> headers, String body,
            long latencyMillis) {
        this.method = method;
        this.url = url;
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.latencyMillis = latencyMillis;
    }

    HttpExchange cut(long passedCap) {
        this.cap = passedCap;
        return this;
    }

    /**
     * This exchange, when its body was read whole.
     *
     * @throws CheckRunner.StepFailed saying the cap was hit, since nothing in a cut body can be trusted
     */
    HttpExchange whole() {
        if (cap > 0) {
            throw new CheckRunner.StepFailed(request() + ": " + new BodyCap.Exceeded(cap).getMessage());
        }
        return this;
    }

    String request() {
        return method + " " + url;
    }

    /** First value of a header, case-insensitive, or null. */
    String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }

    List<String> headers(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return List.of();
    }

    /** The start of the body, for a failure reason: see {@link ResponseQuote} (and redacted by the caller). */
    String bodySnippet() {
        return ResponseQuote.of(body);
    }
}
