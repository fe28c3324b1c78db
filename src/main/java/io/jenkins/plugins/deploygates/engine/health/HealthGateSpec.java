package io.jenkins.plugins.deploygates.engine.health;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A health gate as the user wrote it: plain strings and numbers, serializable so a Jenkins step can keep it
 * across a controller restart and start the gate again. {@link #toConfig(Map)} is the one place where this text
 * is validated and turned into a {@link HealthGateConfig}.
 *
 * <p>It never holds a secret value: Jenkins persists it in the build's program state, in clear. Secret header
 * values (from credentials) are resolved by the adapter each time the gate starts or resumes and handed to
 * {@link #toConfig(Map)}; the gate sends them only to the target's origin and masks them in every output,
 * whatever the header's name.
 */
public final class HealthGateSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> urls = new ArrayList<>();
    private String method = "GET";
    private final List<String> headers = new ArrayList<>();
    private String expectStatus = "200-299";
    private final List<String> expectJson = new ArrayList<>();
    private String expectBody;
    private boolean followRedirects;
    private String crossOriginRedirects;
    private String wsSend;
    private String wsExpect;
    private String wsHold = "0s";
    private String initialDelay = "0s";
    private String interval = "5s";
    /** Null: 5s, or the timeout when that is shorter. */
    private String attemptTimeout;
    private String timeout = "5m";
    private int successThreshold = 1;
    private String watch = "0s";
    private String watchInterval;
    private Double maxErrorRate;
    private String maxP95;
    private Integer maxConsecutiveFailures;

    public HealthGateSpec url(String value) {
        if (value != null && !value.isBlank()) {
            urls.add(value.trim());
        }
        return this;
    }

    public HealthGateSpec urls(List<String> values) {
        if (values != null) {
            values.forEach(this::url);
        }
        return this;
    }

    public HealthGateSpec method(String value) {
        this.method = value;
        return this;
    }

    public HealthGateSpec headers(List<String> values) {
        if (values != null) {
            headers.addAll(values);
        }
        return this;
    }

    public HealthGateSpec expectStatus(String value) {
        this.expectStatus = value;
        return this;
    }

    public HealthGateSpec expectJson(List<String> values) {
        if (values != null) {
            expectJson.addAll(values);
        }
        return this;
    }

    public HealthGateSpec expectBody(String value) {
        this.expectBody = value;
        return this;
    }

    public HealthGateSpec followRedirects(boolean value) {
        this.followRedirects = value;
        return this;
    }

    /** {@code drop-headers} (null: the default) or {@code refuse}; see {@link CrossOriginRedirects}. */
    public HealthGateSpec crossOriginRedirects(String value) {
        this.crossOriginRedirects = value == null || value.isBlank() ? null : value.trim();
        return this;
    }

    public HealthGateSpec webSocket(String send, String expect, String hold) {
        this.wsSend = send;
        this.wsExpect = expect;
        this.wsHold = hold == null ? "0s" : hold;
        return this;
    }

    public HealthGateSpec initialDelay(String value) {
        this.initialDelay = value;
        return this;
    }

    public HealthGateSpec interval(String value) {
        this.interval = value;
        return this;
    }

    public HealthGateSpec attemptTimeout(String value) {
        this.attemptTimeout = value == null || value.isBlank() ? null : value;
        return this;
    }

    public HealthGateSpec timeout(String value) {
        this.timeout = value;
        return this;
    }

    public HealthGateSpec successThreshold(int value) {
        this.successThreshold = value;
        return this;
    }

    public HealthGateSpec watch(String value) {
        this.watch = value;
        return this;
    }

    public HealthGateSpec watchInterval(String value) {
        this.watchInterval = value;
        return this;
    }

    public HealthGateSpec maxErrorRate(Double value) {
        this.maxErrorRate = value;
        return this;
    }

    public HealthGateSpec maxP95(String value) {
        this.maxP95 = value;
        return this;
    }

    public HealthGateSpec maxConsecutiveFailures(Integer value) {
        this.maxConsecutiveFailures = value;
        return this;
    }

    /** The URLs, for status lines. */
    public List<String> urls() {
        return List.copyOf(urls);
    }

    /**
     * The names of the plain headers that look like credentials ({@code Authorization}, {@code X-Api-Key}...):
     * given here, their values are persisted with the spec, so an adapter can tell the user to take them from a
     * credential instead.
     */
    public List<String> secretLookingHeaderNames() {
        List<String> names = new ArrayList<>();
        for (String line : headers) {
            int colon = line == null ? -1 : line.indexOf(':');
            if (colon > 0 && Redactor.isSecretHeader(line.substring(0, colon).trim())) {
                names.add(line.substring(0, colon).trim());
            }
        }
        return names;
    }

    /** The gate without secret headers. @throws ConfigurationException naming the first parameter that is wrong */
    public HealthGateConfig toConfig() {
        return toConfig(Map.of());
    }

    /**
     * The gate, with these secret headers (name to value, resolved from credentials, never persisted) added to
     * every target.
     *
     * @throws ConfigurationException naming the first parameter that is wrong
     */
    public HealthGateConfig toConfig(Map<String, String> secretHeaders) {
        ConfigurationException.require(!urls.isEmpty(), "url is missing: give the endpoint to probe (url) or several"
                + " (urls), such as https://api.example.com/health.");
        HealthGateConfig.Builder config = HealthGateConfig.builder();
        for (String url : urls) {
            config.target(target(url, secretHeaders));
        }
        return config.initialDelay(Durations.parse("initialDelay", initialDelay))
                .interval(Durations.parse("interval", interval))
                .attemptTimeout(attemptTimeout == null ? null : Durations.parse("attemptTimeout", attemptTimeout))
                .timeout(Durations.parse("timeout", timeout))
                .successThreshold(successThreshold)
                .watch(Durations.parse("watch", watch))
                .watchInterval(watchInterval == null ? null : Durations.parse("watchInterval", watchInterval))
                .maxErrorRate(maxErrorRate)
                .maxP95(maxP95 == null ? null : Durations.parse("maxP95", maxP95))
                .maxConsecutiveFailures(maxConsecutiveFailures)
                .build();
    }

    private HealthTarget target(String url, Map<String, String> secretHeaders) {
        HealthTarget.Builder target = HealthTarget.builder(url).method(method).expectStatus(expectStatus)
                .followRedirects(followRedirects)
                .crossOriginRedirects(crossOriginRedirects == null ? null
                        : CrossOriginRedirects.parse(crossOriginRedirects))
                .webSocket(wsSend, wsExpect, Durations.parse("wsHold", wsHold));
        headers.forEach(target::header);
        secretHeaders.forEach(target::secretHeader);
        expectJson.forEach(target::expectJson);
        if (expectBody != null && !expectBody.isEmpty()) {
            target.expectBody(expectBody);
        }
        return target.build();
    }
}
