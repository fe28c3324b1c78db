package io.jenkins.plugins.deploygates.engine.railway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * GraphQL over HTTP to {@code <api>/graphql/v2}. Reads are retried on 5xx and transport errors with capped
 * backoff; every call honours {@code Retry-After} on 429 (Railway rejected it unprocessed, so even a write may
 * be sent again); a write that reached Railway is never repeated blindly.
 */
public final class GraphQlClient {
    /** How a call may be repeated. */
    public enum Mode { READ, WRITE, ONCE }

    private static final MediaType JSON = MediaType.get("application/json");
    static final int MAX_ATTEMPTS = 5;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    private final RailwayEndpoints endpoints;
    private final RailwayToken token;
    private final OkHttpClient http;
    private final RailwayTime time;

    public GraphQlClient(RailwayEndpoints endpoints, RailwayToken token, OkHttpClient http, RailwayTime time) {
        this.endpoints = endpoints;
        this.token = token;
        this.http = http;
        this.time = time;
    }

    public RailwayToken token() {
        return token;
    }

    /** Runs one operation and returns its {@code data}. */
    public JsonNode call(String operation, String query, Map<String, Object> variables, Mode mode)
            throws InterruptedException {
        Request request = token.authorize(new Request.Builder().url(endpoints.graphql()))
                .header("x-source", RailwayEndpoints.USER_AGENT)
                .header("User-Agent", RailwayEndpoints.USER_AGENT)
                .post(RequestBody.create(body(operation, query, variables), JSON))
                .build();
        Duration backoff = Duration.ofSeconds(1);
        for (int attempt = 1; ; attempt++) {
            Outcome outcome = send(operation, request);
            boolean last = attempt >= MAX_ATTEMPTS || mode == Mode.ONCE;
            if (outcome.data != null) {
                return outcome.data;
            }
            if (outcome.retryAfter != null && !last) {
                time.sleep(outcome.retryAfter);
                continue;
            }
            if (outcome.transient5xx && mode == Mode.READ && !last) {
                time.sleep(backoff);
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                continue;
            }
            throw outcome.failure;
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

    private Outcome send(String operation, Request request) throws InterruptedException {
        try (Response response = http.newCall(request).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            return read(operation, response, text);
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while calling Railway " + operation);
            }
            return Outcome.transientFailure(failure(operation, "timed out: " + e.getMessage(), ""));
        } catch (IOException e) {
            return Outcome.transientFailure(failure(operation, "could not reach " + endpoints.graphql() + ": "
                    + e.getMessage(), ""));
        }
    }

    private Outcome read(String operation, Response response, String text) {
        int code = response.code();
        if (code == 429) {
            return Outcome.rateLimited(retryAfter(operation, response.header("Retry-After")));
        }
        if (code >= 500) {
            return Outcome.transientFailure(failure(operation, "HTTP " + code, ""));
        }
        if (code == 401 || code == 403) {
            throw errorFor(operation, "Not Authorized (HTTP " + code + ")");
        }
        JsonNode json = parse(text);
        JsonNode errors = json == null ? null : json.path("errors");
        if (errors != null && errors.size() > 0) {
            throw errorFor(operation, errors.get(0).path("message").asText(""));
        }
        JsonNode data = json == null ? null : json.get("data");
        if (code != 200 || data == null || data.isNull()) {
            throw failure(operation, "HTTP " + code + " without data", "");
        }
        return Outcome.success(data);
    }

    private Duration retryAfter(String operation, String header) {
        long seconds = 1;
        try {
            seconds = header == null ? 1 : Math.max(0, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            seconds = 1; // an HTTP-date: wait a little and try again
        }
        Duration wait = Duration.ofSeconds(seconds);
        if (wait.compareTo(MAX_RETRY_AFTER) > 0) {
            throw failure(operation, "Railway rate limit reached; it asks to wait " + seconds
                    + " seconds, longer than this step waits", "rate limited");
        }
        return wait;
    }

    private static JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** Turns Railway's error words into the sentence a user can act on. */
    RuntimeException errorFor(String operation, String railwayWords) {
        String message = token.redactor().redact(railwayWords);
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("project token not found")) {
            return new ConfigurationException("Railway does not know this project token (\"" + message
                    + "\"): check RAILWAY_TOKEN or the credential, and put an account or workspace token in "
                    + "RAILWAY_API_TOKEN (tokenKind: 'account') instead.");
        }
        if (lower.contains("not authorized")) {
            return new ConfigurationException(token.kind() == RailwayToken.Kind.PROJECT
                    ? "Railway refused the project token for " + operation + " (\"" + message + "\"): a project token "
                            + "only covers its own project and environment, so use an account token (RAILWAY_API_TOKEN, "
                            + "tokenKind: 'account') for this."
                    : "Railway refused the account token for " + operation + " (\"" + message + "\"): check "
                            + "RAILWAY_API_TOKEN or the credential and that it can see this project.");
        }
        if (lower.contains("two factor authentication required")) {
            return new ConfigurationException("Railway requires two-factor authentication for this workspace: use a "
                    + "project token (RAILWAY_TOKEN) or enable 2FA on the account.");
        }
        return failure(operation, "\"" + message + "\"", message);
    }

    private static RailwayApiException failure(String operation, String what, String railwayMessage) {
        return new RailwayApiException("Railway " + operation + " failed: " + what, railwayMessage);
    }

    private static final class Outcome {
        final JsonNode data;
        final Duration retryAfter;
        final boolean transient5xx;
        final RuntimeException failure;

        private Outcome(JsonNode data, Duration retryAfter, boolean transient5xx, RuntimeException failure) {
            this.data = data;
            this.retryAfter = retryAfter;
            this.transient5xx = transient5xx;
            this.failure = failure;
        }

        static Outcome success(JsonNode data) {
            return new Outcome(data, null, false, null);
        }

        static Outcome rateLimited(Duration wait) {
            return new Outcome(null, wait, false, new RailwayApiException(
                    "Railway kept rate-limiting the request (HTTP 429)", "rate limited"));
        }

        static Outcome transientFailure(RuntimeException failure) {
            return new Outcome(null, null, true, failure);
        }
    }
}
