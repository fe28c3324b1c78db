package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.net.http.HttpClient;
import okhttp3.OkHttpClient;

/**
 * Everything an engine run needs to talk to Railway: endpoints, token, HTTP client, time and a log that
 * masks the token wherever it might appear.
 */
public final class RailwayConnection {
    private final RailwayEndpoints endpoints;
    private final RailwayToken token;
    private final OkHttpClient http;
    private final HttpClient webSockets;
    private final RailwayTime time;
    private final ProgressLog log;
    private final Redactor redactor;
    private final RailwayApi api;

    public RailwayConnection(RailwayEndpoints endpoints, RailwayToken token, OkHttpClient http, RailwayTime time,
            ProgressLog log, Redactor redactor) {
        this(endpoints, token, http, RailwayEndpoints.webSocketClient(), time, log, redactor);
    }

    /**
     * With the JDK client the subscription's WebSocket goes through ({@link RailwayEndpoints#webSocketClient(
     * HttpClient.Builder)}); it must follow no redirect, since the token travels on the upgrade request.
     */
    public RailwayConnection(RailwayEndpoints endpoints, RailwayToken token, OkHttpClient http, HttpClient webSockets,
            RailwayTime time, ProgressLog log, Redactor redactor) {
        if (webSockets.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the WebSocket client must not follow redirects: the token would too");
        }
        this.endpoints = endpoints;
        this.token = token;
        this.http = http;
        this.webSockets = webSockets;
        this.time = time;
        this.redactor = redactor.with(token.secret());
        this.log = log.redacting(this.redactor);
        this.api = new RailwayApi(new GraphQlClient(endpoints, token, http, time));
    }

    /** The production wiring: the system clock, a fresh OkHttp client and the JVM's WebSocket client. */
    public static RailwayConnection open(String apiUrl, RailwayToken token, ProgressLog log, Redactor redactor) {
        return open(apiUrl, token, log, redactor, new OkHttpClient(), RailwayEndpoints.webSocketClient());
    }

    /**
     * The same, its HTTP on top of {@code base} and its subscription on {@code webSockets} (a Jenkins controller's,
     * which go through its proxy).
     */
    public static RailwayConnection open(String apiUrl, RailwayToken token, ProgressLog log, Redactor redactor,
            OkHttpClient base, HttpClient webSockets) {
        return new RailwayConnection(RailwayEndpoints.of(apiUrl), token, RailwayEndpoints.httpClient(base), webSockets,
                RailwayTime.system(), log, redactor);
    }

    /** Every Railway call, retries included, ends by this instant: the run's timeout counts from its start. */
    public void deadline(java.time.Instant until) {
        api.client().deadline(until);
    }

    RailwayEndpoints endpoints() {
        return endpoints;
    }

    RailwayToken token() {
        return token;
    }

    public RailwayApi api() {
        return api;
    }

    /** An uploader bounded by what the run's deadline leaves. */
    public Uploader uploader() {
        Uploader uploader = new Uploader(endpoints, token, http);
        java.time.Instant deadline = api.client().deadline();
        return deadline.equals(java.time.Instant.MAX) ? uploader
                : uploader.within(java.time.Duration.between(time.now(), deadline));
    }

    public OkHttpClient http() {
        return http;
    }

    /** The client of the subscription's WebSocket. */
    HttpClient webSockets() {
        return webSockets;
    }

    public RailwayTime time() {
        return time;
    }

    /** The redactor that knows the token. */
    public Redactor redactor() {
        return redactor;
    }

    public ProgressLog log() {
        return log;
    }
}
