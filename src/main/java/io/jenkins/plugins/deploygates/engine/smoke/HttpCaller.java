package io.jenkins.plugins.deploygates.engine.smoke;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.internal.http.HttpMethod;

/**
 * Sends the flow's requests. Redirects are not followed and no cookie jar is kept: a magic link's 302 and its
 * {@code Set-Cookie} are what the checks look at, and each check sends exactly the session it means to.
 */
final class HttpCaller {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private final OkHttpClient client;

    HttpCaller(Duration timeout) {
        this.client = new OkHttpClient.Builder().followRedirects(false).followSslRedirects(false)
                .callTimeout(timeout).build();
    }

    HttpExchange send(String method, String url, Map<String, String> headers, String body) throws IOException {
        Request.Builder request = new Request.Builder().url(url);
        headers.forEach(request::header);
        request.method(method, requestBody(method, headers, body));
        long start = System.nanoTime();
        try (Response response = client.newCall(request.build()).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new HttpExchange(method, url, response.code(), response.headers().toMultimap(), text, millis);
        }
    }

    private static RequestBody requestBody(String method, Map<String, String> headers, String body) {
        if (body == null) {
            return HttpMethod.requiresRequestBody(method) ? RequestBody.create(new byte[0]) : null;
        }
        String type = headers.getOrDefault("Content-Type", null);
        return RequestBody.create(body, type == null ? JSON : MediaType.get(type));
    }
}
