package io.jenkins.plugins.deploygates.engine.railway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * GraphQL over HTTP to {@code <api>/graphql/v2}. A read is retried on anything that may pass (5xx, 429, a dropped
 * connection, a GraphQL error that is not about the token or the input, a 403 page that is not Railway's) with
 * capped back-off until the run's deadline, so only a persistent error decides; a write is sent again only when
 * Railway rejected it unprocessed (429). Every answer is read up to {@link BoundedBody#GRAPHQL_CAP}, every call ends
 * by the deadline, and the rate-limit headers of each answer are kept for the follower to pace itself by.
 */
public final class GraphQlClient {
    /** How a call may be repeated: READ until the deadline, WRITE and ONCE only when Railway answered 429. */
    public enum Mode { READ, WRITE, ONCE }

    /** What a call returned: its {@code data}, and Railway's {@code errors} when some fields failed. */
    record Result(JsonNode data, JsonNode errors) {}

    private static final MediaType JSON = MediaType.get("application/json");
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration LAST_LOOK = Duration.ofSeconds(5);

    private final RailwayEndpoints endpoints;
    private final RailwayToken token;
    private final OkHttpClient http;
    private final RailwayTime time;
    private final RailwayErrors errors;
    private final AtomicLong requests = new AtomicLong();
    private volatile RateLimit rateLimit = RateLimit.UNKNOWN;
    private volatile Instant deadline = Instant.MAX;

    public GraphQlClient(RailwayEndpoints endpoints, RailwayToken token, OkHttpClient http, RailwayTime time) {
        this.endpoints = endpoints;
        this.token = token;
        this.http = http;
        this.time = time;
        this.errors = new RailwayErrors(token);
    }

    public RailwayToken token() {
        return token;
    }

    /** No call, retry included, goes past this instant (the command's {@code --timeout}, the step's timeout). */
    void deadline(Instant until) {
        deadline = until;
    }

    Instant deadline() {
        return deadline;
    }

    /** HTTP requests sent so far, retries included. */
    long requests() {
        return requests.get();
    }

    /** Counts a request sent outside {@link #call} (the WebSocket upgrade), for the follower's budget. */
    void countRequest() {
        requests.incrementAndGet();
    }

    /** What the last answer said about the hourly request budget. */
    RateLimit rateLimit() {
        return rateLimit;
    }

    /** Runs one operation and returns its {@code data}; any error in the answer fails it. */
    public JsonNode call(String operation, String query, Map<String, Object> variables, Mode mode)
            throws InterruptedException {
        Result result = callAllowingPartial(operation, query, variables, mode);
        if (result.errors() != null) {
            throw errors.failure(operation, result.errors().get(0).path("message").asText(""));
        }
        return result.data();
    }

    /**
     * Runs one operation whose fields may fail one by one (status and log lines asked together): returns the data
     * with Railway's errors beside it when {@code data} came back at all.
     */
    Result callAllowingPartial(String operation, String query, Map<String, Object> variables, Mode mode)
            throws InterruptedException {
        Request request = token.authorize(new Request.Builder().url(endpoints.graphql()))
                .header("x-source", RailwayEndpoints.USER_AGENT)
                .header("User-Agent", RailwayEndpoints.USER_AGENT)
                .post(RequestBody.create(body(operation, query, variables), JSON))
                .build();
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            Attempt attempt = send(operation, request);
            if (attempt.result != null) {
                return attempt.result;
            }
            Duration wait = attempt.retryAfter != null ? attempt.retryAfter
                    : attempt.transientFailure && mode == Mode.READ ? backoff : null;
            if (mode == Mode.ONCE && attempt.retryAfter == null || wait == null) {
                throw attempt.failure;
            }
            if (time.now().plus(wait).isAfter(deadline)) {
                throw errors.outlasted(operation, attempt.failure, attempt.retryAfter != null);
            }
            time.sleep(wait);
            if (attempt.retryAfter == null) {
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String body(String operation, String query, Map<String, Object> variables) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("query", query);
        body.set("variables", Json.MAPPER.valueToTree(variables));
        body.put("operationName", operation);
        return body.toString();
    }

    private Attempt send(String operation, Request request) throws InterruptedException {
        Call call = http.newCall(request);
        Duration left = Duration.between(time.now(), deadline);
        if (left.compareTo(RailwayEndpoints.CALL_TIMEOUT) < 0) {
            // what the deadline leaves, but never less than a last look's worth
            call.timeout().timeout(Math.max(LAST_LOOK.toMillis(), left.toMillis()), TimeUnit.MILLISECONDS);
        }
        requests.incrementAndGet();
        try (Response response = call.execute()) {
            rateLimit = RateLimit.from(response, time.now(), rateLimit);
            return read(operation, response, BoundedBody.read(response, BoundedBody.GRAPHQL_CAP));
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while " + RailwayErrors.purpose(operation));
            }
            return Attempt.transientFailure(errors.unreachable(operation, "no answer in time"));
        } catch (IOException e) {
            return Attempt.transientFailure(errors.unreachable(operation, "the connection failed: " + e.getMessage()));
        }
    }

    private Attempt read(String operation, Response response, BoundedBody.Text body) {
        int code = response.code();
        if (code == 429) {
            return Attempt.rateLimited(retryAfter(response.header("Retry-After")),
                    errors.unreachable(operation, "Railway kept rate-limiting the requests (HTTP 429)"));
        }
        if (code >= 300 && code < 400) {
            throw new io.jenkins.plugins.deploygates.engine.common.ConfigurationException(
                    RailwayEndpoints.redirectRefused(response));
        }
        if (body.capped()) {
            return Attempt.transientFailure(errors.unreachable(operation, "Railway's answer was larger than "
                    + BoundedBody.describe(BoundedBody.GRAPHQL_CAP) + ", the cap for one answer, so it was not read"));
        }
        JsonNode json = parse(body.text());
        if (code >= 500 || code == 403 && !isGraphQl(json)) {
            // a 5xx, or a 403 page from something in front of Railway (a proxy, a throttling edge): it may pass
            return Attempt.transientFailure(errors.unreachable(operation, "HTTP " + code));
        }
        if (code == 401 || code == 403) {
            throw errors.failure(operation, isGraphQl(json) && json.path("errors").size() > 0
                    ? json.path("errors").get(0).path("message").asText("") : "Not Authorized (HTTP " + code + ")");
        }
        JsonNode errorList = json == null ? null : json.path("errors");
        JsonNode data = json == null ? null : json.get("data");
        boolean hasErrors = errorList != null && errorList.size() > 0;
        boolean hasData = data != null && !data.isNull();
        if (hasErrors && !hasData) {
            String message = errorList.get(0).path("message").asText("");
            String code0 = errorList.get(0).path("extensions").path("code").asText("");
            if (RailwayErrors.isTransient(message, code0)) {
                return Attempt.transientFailure(errors.failure(operation, message));
            }
            throw errors.failure(operation, message);
        }
        if (code != 200 || !hasData) {
            return Attempt.transientFailure(errors.unreachable(operation, "HTTP " + code + " without data"));
        }
        return Attempt.success(new Result(data, hasErrors ? errorList : null));
    }

    private static boolean isGraphQl(JsonNode json) {
        return json != null && (json.has("errors") || json.has("data"));
    }

    private static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(header == null ? 1 : Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1); // an HTTP-date: wait a little and try again
        }
    }

    private static JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** One try's outcome: data, or a failure that may (retryAfter, transientFailure) or may not pass. */
    private record Attempt(Result result, Duration retryAfter, boolean transientFailure, RuntimeException failure) {
        static Attempt success(Result result) {
            return new Attempt(result, null, false, null);
        }

        static Attempt rateLimited(Duration wait, RuntimeException failure) {
            return new Attempt(null, wait, true, failure);
        }

        static Attempt transientFailure(RuntimeException failure) {
            return new Attempt(null, null, true, failure);
        }
    }
}
