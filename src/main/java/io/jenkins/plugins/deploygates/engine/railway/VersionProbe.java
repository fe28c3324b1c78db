package io.jenkins.plugins.deploygates.engine.railway;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
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

    /**
     * {@code http} is Railway's client; the service's own endpoint may redirect (to https, to a canonical host), and
     * no credential travels with these requests, so this probe follows redirects.
     */
    VersionProbe(OkHttpClient http, RailwayTime time) {
        this.http = http.newBuilder().followRedirects(true).followSslRedirects(true).build();
        this.time = time;
    }

    /** @return null when the endpoint reported {@code expected} in time, otherwise why not */
    String await(HttpUrl url, String expected, Instant deadline, Duration interval) throws InterruptedException {
        String last = "no answer yet";
        while (true) {
            last = read(url, deadline);
            if (last.contains(expected)) {
                return null;
            }
            Instant now = time.now();
            if (!now.isBefore(deadline)) {
                return "The version endpoint " + url + " did not report '" + expected + "' before the deadline "
                        + "(last answer: " + shorten(last) + "): the old code may still be serving."
                        + (last.endsWith("the cap]") ? " Its answer was larger than "
                        + BoundedBody.describe(BoundedBody.VERSION_CAP) + " (the cap), and only that much was searched."
                        : "");
            }
            Duration left = Duration.between(now, deadline);
            time.sleep(left.compareTo(interval) < 0 ? left : interval);
        }
    }

    /**
     * One look, ended by the deadline however slowly the endpoint answers (a body trickling a byte at a time never
     * trips a read timeout), and read up to {@link BoundedBody#VERSION_CAP}: the version is searched in that much.
     */
    private String read(HttpUrl url, Instant deadline) throws InterruptedException {
        Request request = new Request.Builder().url(url).header("Cache-Control", "no-cache").get().build();
        Call call = http.newCall(request);
        call.timeout().timeout(clamp(Duration.between(time.now(), deadline)).toMillis(), TimeUnit.MILLISECONDS);
        try (Response response = call.execute()) {
            BoundedBody.Text body = BoundedBody.read(response, BoundedBody.VERSION_CAP);
            if (!response.isSuccessful()) {
                return "HTTP " + response.code();
            }
            return body.capped() ? body.text() + " [only the first " + BoundedBody.describe(BoundedBody.VERSION_CAP)
                    + " of the answer were read, the cap]" : body.text();
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while reading " + url);
            }
            return "no complete answer before the deadline";
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        }
    }

    /** What the deadline leaves, but at least {@link #LAST_LOOK} (one last look after it) and at most 90 s. */
    private static Duration clamp(Duration left) {
        return left.compareTo(LAST_LOOK) < 0 ? LAST_LOOK : left.compareTo(MAX_LOOK) > 0 ? MAX_LOOK : left;
    }

    private static final Duration LAST_LOOK = Duration.ofSeconds(5);
    private static final Duration MAX_LOOK = Duration.ofSeconds(90);

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
