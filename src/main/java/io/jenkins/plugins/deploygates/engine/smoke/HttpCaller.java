package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.BodyCap;
import io.jenkins.plugins.deploygates.engine.common.DaemonThreads;
import io.jenkins.plugins.deploygates.engine.common.Deadline;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.internal.http.HttpMethod;

/**
 * Sends the flow's requests. Redirects are not followed and no cookie jar is kept: a magic link's 302 and its
 * {@code Set-Cookie} are what the checks look at, and each check sends exactly the session it means to. Each call
 * takes what is left of the run's deadline, reads at most {@link #CAP} of the answer, and is cancelled at once
 * when the run is stopped.
 */
final class HttpCaller implements AutoCloseable {
    /** The most of one answer a run reads: auth endpoints answer a few kilobytes. */
    static final long CAP = 1024 * 1024;
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private final ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("smoke-http"));
    private final OkHttpClient client;

    /** @param base the client to derive from: a Jenkins controller passes one that goes through its proxy */
    HttpCaller(OkHttpClient base) {
        client = base.newBuilder().followRedirects(false).followSslRedirects(false)
                .dispatcher(new Dispatcher(threads)).build();
    }

    HttpExchange send(String method, String url, Map<String, String> headers, String body, Deadline deadline)
            throws IOException, InterruptedException {
        if (deadline.expired()) {
            throw new TooLate(method + " " + url, deadline);
        }
        Request.Builder request = new Request.Builder().url(url);
        headers.forEach(request::header);
        request.method(method, requestBody(method, headers, body));
        Call call = client.newCall(request.build());
        call.timeout().timeout(deadline.remainingMillisForTimeout(), TimeUnit.MILLISECONDS);
        CompletableFuture<HttpExchange> answer = new CompletableFuture<>();
        call.enqueue(new Answer(method, url, System.nanoTime(), answer));
        try {
            return answer.get();
        } catch (InterruptedException e) {
            call.cancel();
            throw e;
        } catch (ExecutionException e) {
            throw explain(e.getCause(), deadline);
        }
    }

    private static IOException explain(Throwable cause, Deadline deadline) {
        if (cause instanceof InterruptedIOException && deadline.expired()) {
            return new IOException("no answer before the run's timeout of " + Durations.format(deadline.total())
                    + " ran out", cause);
        }
        if (cause instanceof IOException) {
            return (IOException) cause;
        }
        if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
        }
        return new IOException(cause);
    }

    private static RequestBody requestBody(String method, Map<String, String> headers, String body) {
        if (body == null) {
            return HttpMethod.requiresRequestBody(method) ? RequestBody.create(new byte[0]) : null;
        }
        String type = headers.getOrDefault("Content-Type", null);
        return RequestBody.create(body, type == null ? JSON : MediaType.get(type));
    }

    /** The run's timeout ran out before this request was sent: nothing was asked of the service. */
    static final class TooLate extends IOException {
        private static final long serialVersionUID = 1L;

        TooLate(String request, Deadline deadline) {
            super("the run's timeout of " + Durations.format(deadline.total()) + " ran out before " + request);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        client.connectionPool().evictAll();
    }

    /** Reads the answer, up to the cap, on OkHttp's thread, and hands it to the waiting run. */
    private static final class Answer implements Callback {
        private final String method;
        private final String url;
        private final long startNanos;
        private final CompletableFuture<HttpExchange> result;

        Answer(String method, String url, long startNanos, CompletableFuture<HttpExchange> result) {
            this.method = method;
            this.url = url;
            this.startNanos = startNanos;
            this.result = result;
        }

        @Override
        public void onFailure(Call call, IOException e) {
            result.completeExceptionally(e);
        }

        @Override
        public void onResponse(Call call, Response response) {
            try (response) {
                ResponseBody body = response.body();
                Charset charset = body == null || body.contentType() == null ? StandardCharsets.UTF_8
                        : body.contentType().charset(StandardCharsets.UTF_8);
                String text;
                boolean whole = true;
                try {
                    text = new String(BodyCap.read(body, CAP), charset);
                } catch (BodyCap.Exceeded e) {
                    text = "";
                    whole = false;
                }
                long millis = (System.nanoTime() - startNanos) / 1_000_000;
                result.complete(new HttpExchange(method, url, response.code(), response.headers().toMultimap(), text,
                        millis).cut(whole ? 0 : CAP));
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }
    }
}
