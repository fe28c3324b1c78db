package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.net.http.WebSocket;
import java.util.Locale;
import java.util.function.Function;
import okhttp3.Request;

/**
 * A Railway token and the header it travels in: a project token in {@code project-access-token}, an account
 * or workspace token as {@code Authorization: Bearer}. {@link #toString()} never shows the value.
 */
public final class RailwayToken {
    public enum Kind { PROJECT, ACCOUNT }

    private final Kind kind;
    private final String value;

    public RailwayToken(Kind kind, String value) {
        ConfigurationException.require(value != null && !value.isBlank(),
                "The Railway token is empty: give a credentialsId or set RAILWAY_TOKEN or RAILWAY_API_TOKEN.");
        this.kind = kind;
        this.value = value.trim();
    }

    /** Reads the token as the Railway CLI does: {@code RAILWAY_TOKEN} (project) wins over {@code RAILWAY_API_TOKEN}. */
    public static RailwayToken fromEnvironment(Function<String, String> env) {
        String project = env.apply("RAILWAY_TOKEN");
        if (project != null && !project.isBlank()) {
            return new RailwayToken(Kind.PROJECT, project);
        }
        String account = env.apply("RAILWAY_API_TOKEN");
        if (account != null && !account.isBlank()) {
            return new RailwayToken(Kind.ACCOUNT, account);
        }
        throw new ConfigurationException("No Railway token: set RAILWAY_TOKEN (project token) or RAILWAY_API_TOKEN "
                + "(account or workspace token), or in Jenkins give a credentialsId.");
    }

    /** {@code project} or {@code account} (workspace tokens travel like account tokens). */
    public static Kind kind(String parameter, String text) {
        String k = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (k.equals("project")) {
            return Kind.PROJECT;
        }
        if (k.equals("account") || k.equals("workspace") || k.equals("team")) {
            return Kind.ACCOUNT;
        }
        throw new ConfigurationException(parameter + " '" + text + "' is not a token kind: write 'project' or 'account'.");
    }

    public Kind kind() {
        return kind;
    }

    /** The raw value, for the redactor only. */
    public String secret() {
        return value;
    }

    /** Masks this token (and secrets by shape) in Railway's own words, which may quote what they were sent. */
    public Redactor redactor() {
        return Redactor.byShape().with(value);
    }

    Request.Builder authorize(Request.Builder request) {
        return request.header(headerName(), headerValue());
    }

    /** The same header on a WebSocket's upgrade request (the subscription). */
    WebSocket.Builder authorize(WebSocket.Builder upgrade) {
        return upgrade.header(headerName(), headerValue());
    }

    private String headerName() {
        return kind == Kind.PROJECT ? "project-access-token" : "Authorization";
    }

    private String headerValue() {
        return kind == Kind.PROJECT ? value : "Bearer " + value;
    }

    @Override
    public String toString() {
        return kind == Kind.PROJECT ? "project token" : "account token";
    }
}
