package io.jenkins.plugins.deploygates.engine.smoke;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a check, as written in a flow file: either an HTTP request or a wait for the newest email.
 * Every string may hold {@code {{variable}}} placeholders (see {@link Template}).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class StepDefinition {
    /** HTTP method; a template, so a flow can make it overridable ({@code {{linkRequestMethod}}}). */
    public String method = "GET";
    public String url;
    public Map<String, String> headers = new LinkedHashMap<>();
    public String body;
    /** Accepted statuses, for example {@code 2xx}, {@code 2xx,3xx}, {@code 401} (see {@link StatusExpectation}). */
    public String expect = "2xx";
    /** Wait for the newest email to the test address instead of sending a request. */
    public boolean waitForEmail;
    /** The URL is the emailed link: follow its click-tracking redirects to the app first (see {@link EmailedLink}). */
    public EmailedLink emailedLink;
    /**
     * Send the request up to this many times, quickly, until one answers {@link #until}: a number, or a template
     * such as {@code {{rateLimitRequests}}}.
     */
    public String repeat = "1";
    public String until;
    /**
     * Before sending, wait the Retry-After of the last answer an earlier step got with its {@link #until} status,
     * then expect {@link #expect}: the "Retry-After honoured" check.
     */
    public boolean waitRetryAfter;
    /**
     * The older form of the two rate-limit checks in one: after a status matching {@link #until}, require
     * Retry-After, wait that long, and expect {@link #afterRetry}.
     */
    public boolean honourRetryAfter;
    public String afterRetry = "2xx";
    public List<Extraction> extract = new ArrayList<>();

    boolean isRepeated() {
        return until != null && !until.isBlank();
    }
}
