package io.jenkins.plugins.deploygates.engine.health;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probes an http(s) target without blocking a thread, and judges the answer against the target's expectations.
 * Redirects (when followed) keep the configured headers only while they stay on the target's origin: see
 * {@link HealthTarget#crossOriginRedirects()}.
 */
final class HttpProbe {
    /** Bodies larger than this fail the probe; the gate never holds more than this per target. */
    static final long MAX_BODY_BYTES = 1024 * 1024;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;

    private final GateRuntime runtime;

    HttpProbe(GateRuntime runtime) {
        this.runtime = runtime;
    }

    CompletableFuture<ProbeResult> probe(HealthTarget target, Duration attemptTimeout) {
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        Chain chain = new Chain(target);
        CompletableFuture<ProbeResult> exchange = chain.send(target.url(), target.method(), 0);
        long timeoutMs = attemptTimeout.toMillis();
        // Our own timer, not orTimeout(): it runs on the shared scheduler and also aborts the exchange.
        ScheduledFuture<?> timer = runtime.scheduler().schedule(() -> {
            result.complete(ProbeResult.timedOut(ProbeErrors.describe(new TimeoutException(), timeoutMs)));
            exchange.cancel(true);
        }, timeoutMs, TimeUnit.MILLISECONDS);
        exchange.whenComplete((judged, failure) -> {
            timer.cancel(false);
            result.complete(failure == null ? judged.withNote(chain.note) : fromFailure(failure, timeoutMs));
        });
        return result;
    }

    /** One probe's requests, from the target through its redirects. */
    private final class Chain {
        private final HealthTarget target;
        /** False once a hop left the target's origin: from then on no configured header is sent. */
        private boolean withHeaders = true;
        private String note;

        Chain(HealthTarget target) {
            this.target = target;
        }

        CompletableFuture<ProbeResult> send(URI uri, String method, int hops) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (withHeaders) {
                for (Map.Entry<String, String> h : target.headers().entrySet()) {
                    request.header(h.getKey(), h.getValue());
                }
            }
            return runtime.http().sendAsync(request.build(), LimitedBody.handler(MAX_BODY_BYTES))
                    .thenCompose(response -> follow(response, method, hops));
        }

        private CompletableFuture<ProbeResult> follow(HttpResponse<byte[]> response, String method, int hops) {
            Optional<String> location = response.headers().firstValue("Location");
            if (!target.followRedirects() || !REDIRECTS.contains(response.statusCode()) || location.isEmpty()
                    || hops >= MAX_REDIRECTS) {
                return CompletableFuture.completedFuture(judge(target, response));
            }
            URI next;
            try {
                next = response.uri().resolve(location.get().strip());
            } catch (IllegalArgumentException e) {
                return refused(response, "redirected to a Location that is not an address");
            }
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
                return refused(response, "redirected to a Location that is not an http(s) address");
            }
            if (withHeaders && !Origin.same(next, target.url())) {
                if (target.crossOriginRedirects() == CrossOriginRedirects.REFUSE) {
                    return refused(response, "redirected to another origin (" + Origin.of(next) + "); not followed,"
                            + " as crossOriginRedirects is refuse");
                }
                withHeaders = false;
                if (!target.headers().isEmpty()) {
                    note = target + " redirects to another origin (" + Origin.of(next) + "): followed without its "
                            + target.headers().size() + " configured header(s), which only go to "
                            + Origin.of(target.url());
                }
            }
            String nextMethod = response.statusCode() == 303 ? "GET" : method;
            return send(next, nextMethod, hops + 1);
        }

        private CompletableFuture<ProbeResult> refused(HttpResponse<byte[]> response, String why) {
            return CompletableFuture.completedFuture(ProbeResult.failure(response.statusCode(), why));
        }
    }

    private static ProbeResult fromFailure(Throwable failure, long timeoutMs) {
        Throwable cause = ProbeErrors.unwrap(failure);
        if (cause instanceof LimitedBody.TooLarge) {
            return ProbeResult.failure(null, cause.getMessage() + " (limit 1 MiB)");
        }
        return ProbeResult.error(ProbeErrors.describe(cause, timeoutMs));
    }

    static ProbeResult judge(HealthTarget target, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (!target.expectStatus().contains(status)) {
            return ProbeResult.failure(status, "HTTP " + status + ", expected " + target.expectStatus());
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        for (BodyAssertion assertion : target.assertions()) {
            Optional<String> failed = assertion.check(body);
            if (failed.isPresent()) {
                return ProbeResult.failure(status, failed.get());
            }
        }
        return ProbeResult.success(status);
    }
}
