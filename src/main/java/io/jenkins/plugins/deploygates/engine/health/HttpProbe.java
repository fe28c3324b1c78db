package io.jenkins.plugins.deploygates.engine.health;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Probes an http(s) target without blocking a thread, and judges the answer against the target's expectations. */
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
        CompletableFuture<HttpResponse<byte[]>> exchange = send(target, target.url(), target.method(), 0);
        long timeoutMs = attemptTimeout.toMillis();
        // Our own timer, not orTimeout(): it runs on the shared scheduler and also aborts the exchange.
        ScheduledFuture<?> timer = runtime.scheduler().schedule(() -> {
            result.complete(ProbeResult.error(ProbeErrors.describe(new TimeoutException(), timeoutMs)));
            exchange.cancel(true);
        }, timeoutMs, TimeUnit.MILLISECONDS);
        exchange.whenComplete((response, failure) -> {
            timer.cancel(false);
            result.complete(failure == null ? judge(target, response) : fromFailure(failure, timeoutMs));
        });
        return result;
    }

    private CompletableFuture<HttpResponse<byte[]>> send(HealthTarget target, URI uri, String method, int hops) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (Map.Entry<String, String> h : target.headers().entrySet()) {
            request.header(h.getKey(), h.getValue());
        }
        return runtime.http().sendAsync(request.build(), LimitedBody.handler(MAX_BODY_BYTES))
                .thenCompose(response -> follow(target, response, method, hops));
    }

    private CompletableFuture<HttpResponse<byte[]>> follow(HealthTarget target, HttpResponse<byte[]> response,
            String method, int hops) {
        Optional<String> location = response.headers().firstValue("Location");
        if (!target.followRedirects() || !REDIRECTS.contains(response.statusCode()) || location.isEmpty()
                || hops >= MAX_REDIRECTS) {
            return CompletableFuture.completedFuture(response);
        }
        String next = response.statusCode() == 303 ? "GET" : method;
        return send(target, response.uri().resolve(location.get()), next, hops + 1);
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
