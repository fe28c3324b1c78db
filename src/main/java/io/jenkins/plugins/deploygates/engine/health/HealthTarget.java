package io.jenkins.plugins.deploygates.engine.health;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One endpoint a health gate probes, with what its answer must look like. {@code http(s)://} targets get an HTTP
 * request; {@code ws(s)://} targets get a WebSocket that connects, optionally exchanges one message, and must
 * stay open for {@link #wsHold()} (a proxy that drops idle WebSockets fails the probe).
 */
public final class HealthTarget {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "OPTIONS");
    /** Headers the JDK HTTP client sets itself and refuses to take from us. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    private final URI url;
    private final String method;
    private final Map<String, String> headers;
    private final List<String> secretHeaderValues;
    private final StatusRanges expectStatus;
    private final List<BodyAssertion> assertions;
    private final boolean followRedirects;
    private final CrossOriginRedirects crossOriginRedirects;
    private final String wsSend;
    private final String wsExpect;
    private final Duration wsHold;

    private HealthTarget(Builder b) {
        this.url = b.url;
        this.method = b.method;
        this.headers = Map.copyOf(b.headers);
        this.secretHeaderValues = List.copyOf(b.secretHeaderValues);
        this.expectStatus = b.expectStatus;
        this.assertions = List.copyOf(b.assertions);
        this.followRedirects = b.followRedirects;
        this.crossOriginRedirects = b.crossOriginRedirects;
        this.wsSend = b.wsSend;
        this.wsExpect = b.wsExpect;
        this.wsHold = b.wsHold;
    }

    public static Builder builder(String url) {
        return new Builder(parseUrl(url));
    }

    private static URI parseUrl(String text) {
        String hint = "url '" + text + "' is not a usable address: give a full http://, https://, ws:// or wss:// URL"
                + " such as https://api.example.com/health.";
        ConfigurationException.require(text != null && !text.isBlank(), "url is empty: give the endpoint to probe,"
                + " such as https://api.example.com/health.");
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            ConfigurationException.require(Set.of("http", "https", "ws", "wss").contains(scheme)
                    && uri.getHost() != null, hint);
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException(hint);
        }
    }

    public URI url() {
        return url;
    }

    public boolean isWebSocket() {
        return url.getScheme().toLowerCase(Locale.ROOT).startsWith("ws");
    }

    public String method() {
        return method;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The values of the headers given as secrets ({@link Builder#secretHeader}): masked whatever their name. */
    public List<String> secretHeaderValues() {
        return secretHeaderValues;
    }

    public StatusRanges expectStatus() {
        return expectStatus;
    }

    public List<BodyAssertion> assertions() {
        return assertions;
    }

    public boolean followRedirects() {
        return followRedirects;
    }

    /** What a followed redirect to another origin does; see {@link CrossOriginRedirects}. */
    public CrossOriginRedirects crossOriginRedirects() {
        return crossOriginRedirects;
    }

    public String wsSend() {
        return wsSend;
    }

    public String wsExpect() {
        return wsExpect;
    }

    public Duration wsHold() {
        return wsHold;
    }

    @Override
    public String toString() {
        return url.toString();
    }

    /** Collects and validates a target's options; {@link #build()} never returns a half-valid target. */
    public static final class Builder {
        private final URI url;
        private String method = "GET";
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<String> secretHeaderValues = new ArrayList<>();
        private StatusRanges expectStatus = StatusRanges.SUCCESS_2XX;
        private final List<BodyAssertion> assertions = new ArrayList<>();
        private boolean followRedirects;
        private CrossOriginRedirects crossOriginRedirects = CrossOriginRedirects.DROP_HEADERS;
        private String wsSend;
        private String wsExpect;
        private Duration wsHold = Duration.ZERO;

        private Builder(URI url) {
            this.url = url;
        }

        public Builder method(String value) {
            String m = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
            ConfigurationException.require(METHODS.contains(m),
                    "method '" + value + "' is not supported: use one of " + String.join(", ", METHODS) + ".");
            this.method = m;
            return this;
        }

        /** A header written {@code Name: value}. */
        public Builder header(String line) {
            int colon = line == null ? -1 : line.indexOf(':');
            ConfigurationException.require(colon > 0, "header '" + Redactor.headerLine(line)
                    + "' is not a header: write it as 'Name: value'.");
            return header(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }

        public Builder header(String name, String value) {
            ConfigurationException.require(name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+"),
                    "header name '" + name + "' is not a valid HTTP header name: use letters, digits and dashes.");
            ConfigurationException.require(!RESTRICTED.contains(name.toLowerCase(Locale.ROOT)),
                    "header '" + name + "' is set by the HTTP client itself: leave it out.");
            ConfigurationException.require(headers.keySet().stream().noneMatch(name::equalsIgnoreCase),
                    "header '" + name + "' is given twice (header names ignore case): keep one.");
            headers.put(name, value);
            return this;
        }

        /**
         * A header whose value is a secret (it came from a credential): sent like the others, and its value is
         * masked in every output whatever the header's name.
         */
        public Builder secretHeader(String name, String value) {
            ConfigurationException.require(value != null && !value.isEmpty(), "the secret value of header '" + name
                    + "' is empty: check the credential it comes from.");
            header(name, value);
            secretHeaderValues.add(value);
            return this;
        }

        public Builder expectStatus(String ranges) {
            this.expectStatus = StatusRanges.parse(ranges);
            return this;
        }

        public Builder expectJson(String expression) {
            assertions.add(JsonPathAssertion.parse(expression));
            return this;
        }

        public Builder expectBody(String text) {
            assertions.add(new BodyContains(text));
            return this;
        }

        public Builder followRedirects(boolean value) {
            this.followRedirects = value;
            return this;
        }

        public Builder crossOriginRedirects(CrossOriginRedirects value) {
            this.crossOriginRedirects = value == null ? CrossOriginRedirects.DROP_HEADERS : value;
            return this;
        }

        public Builder webSocket(String send, String expect, Duration hold) {
            this.wsSend = send == null || send.isEmpty() ? null : send;
            this.wsExpect = expect == null || expect.isEmpty() ? null : expect;
            ConfigurationException.require(hold != null && !hold.isNegative(),
                    "wsHold is negative: give how long the WebSocket must stay open, such as 2s.");
            this.wsHold = hold;
            return this;
        }

        public HealthTarget build() {
            return new HealthTarget(this);
        }
    }
}
