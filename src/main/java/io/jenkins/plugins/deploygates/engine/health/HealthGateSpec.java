package io.jenkins.plugins.deploygates.engine.health;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A health gate as the user wrote it: plain strings and numbers, serializable so a Jenkins step can keep it
 * across a controller restart and start the gate again. {@link #toConfig()} is the one place where this text
 * is validated and turned into a {@link HealthGateConfig}.
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
    private String wsSend;
    private String wsExpect;
    private String wsHold = "0s";
    private String initialDelay = "0s";
    private String interval = "5s";
    private String attemptTimeout = "5s";
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
        this.attemptTimeout = value;
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

    /** @throws ConfigurationException naming the first parameter that is wrong */
    public HealthGateConfig toConfig() {
        ConfigurationException.require(!urls.isEmpty(), "url is missing: give the endpoint to probe (url) or several"
                + " (urls), such as https://api.example.com/health.");
        HealthGateConfig.Builder config = HealthGateConfig.builder();
        for (String url : urls) {
            config.target(target(url));
        }
        return config.initialDelay(Durations.parse("initialDelay", initialDelay))
                .interval(Durations.parse("interval", interval))
                .attemptTimeout(Durations.parse("attemptTimeout", attemptTimeout))
                .timeout(Durations.parse("timeout", timeout))
                .successThreshold(successThreshold)
                .watch(Durations.parse("watch", watch))
                .watchInterval(watchInterval == null ? null : Durations.parse("watchInterval", watchInterval))
                .maxErrorRate(maxErrorRate)
                .maxP95(maxP95 == null ? null : Durations.parse("maxP95", maxP95))
                .maxConsecutiveFailures(maxConsecutiveFailures)
                .build();
    }

    private HealthTarget target(String url) {
        HealthTarget.Builder target = HealthTarget.builder(url).method(method).expectStatus(expectStatus)
                .followRedirects(followRedirects)
                .webSocket(wsSend, wsExpect, Durations.parse("wsHold", wsHold));
        headers.forEach(target::header);
        expectJson.forEach(target::expectJson);
        if (expectBody != null && !expectBody.isEmpty()) {
            target.expectBody(expectBody);
        }
        return target.build();
    }
}
