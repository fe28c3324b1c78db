package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import okhttp3.OkHttpClient;

/**
 * Everything an engine run needs to talk to Railway: endpoints, token, HTTP client, time and a log that
 * masks the token wherever it might appear.
 */
public final class RailwayConnection {
    private final RailwayEndpoints endpoints;
    private final RailwayToken token;
    private final OkHttpClient http;
    private final RailwayTime time;
    private final ProgressLog log;
    private final Redactor redactor;
    private final RailwayApi api;

    public RailwayConnection(RailwayEndpoints endpoints, RailwayToken token, OkHttpClient http, RailwayTime time,
            ProgressLog log, Redactor redactor) {
        this.endpoints = endpoints;
        this.token = token;
        this.http = http;
        this.time = time;
        this.redactor = redactor.with(token.secret());
        this.log = log.redacting(this.redactor);
        this.api = new RailwayApi(new GraphQlClient(endpoints, token, http, time));
    }

    /** The production wiring: the system clock and a fresh OkHttp client. */
    public static RailwayConnection open(String apiUrl, RailwayToken token, ProgressLog log, Redactor redactor) {
        return new RailwayConnection(RailwayEndpoints.of(apiUrl), token, RailwayEndpoints.httpClient(),
                RailwayTime.system(), log, redactor);
    }

    public RailwayApi api() {
        return api;
    }

    public Uploader uploader() {
        return new Uploader(endpoints, token, http);
    }

    public OkHttpClient http() {
        return http;
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
