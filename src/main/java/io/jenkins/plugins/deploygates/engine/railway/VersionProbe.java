package io.jenkins.plugins.deploygates.engine.railway;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Catches "green deploy, old code": polls the service's version endpoint until its body mentions the version
 * just deployed (a commit SHA, a build number). The old deployment keeps serving until the new one takes
 * over, so the old version is a reason to wait, not to fail, until the deadline.
 */
final class VersionProbe {
    private final OkHttpClient http;
    private final RailwayTime time;

    VersionProbe(OkHttpClient http, RailwayTime time) {
        this.http = http;
        this.time = time;
    }

    /** @return null when the endpoint reported {@code expected} in time, otherwise why not */
    String await(HttpUrl url, String expected, Instant deadline, Duration interval) throws InterruptedException {
        String last = "no answer yet";
        while (true) {
            last = read(url);
            if (last.contains(expected)) {
                return null;
            }
            Instant now = time.now();
            if (!now.isBefore(deadline)) {
                return "The version endpoint " + url + " did not report '" + expected + "' before the deadline "
                        + "(last answer: " + shorten(last) + "): the old code may still be serving.";
            }
            Duration left = Duration.between(now, deadline);
            time.sleep(left.compareTo(interval) < 0 ? left : interval);
        }
    }

    private String read(HttpUrl url) {
        Request request = new Request.Builder().url(url).header("Cache-Control", "no-cache").get().build();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            return response.isSuccessful() ? body : "HTTP " + response.code();
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        }
    }

    private static String shorten(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() > 120 ? one.substring(0, 120) + "…" : one;
    }

    /** An absolute URL as is; a path is taken on the deployment's domain. */
    static HttpUrl resolve(String versionUrl, String deploymentDomain) {
        String v = versionUrl == null || versionUrl.isBlank() ? "/version" : versionUrl.trim();
        HttpUrl absolute = HttpUrl.parse(v);
        if (absolute != null) {
            return absolute;
        }
        if (deploymentDomain == null || deploymentDomain.isBlank()) {
            return null;
        }
        String domain = deploymentDomain.contains("://") ? deploymentDomain : "https://" + deploymentDomain;
        HttpUrl base = HttpUrl.parse(domain);
        return base == null ? null : base.resolve(v.startsWith("/") ? v : "/" + v);
    }
}
