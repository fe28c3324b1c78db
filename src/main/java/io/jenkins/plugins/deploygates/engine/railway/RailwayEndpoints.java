package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Every Railway URL derives from one base ({@code https://backboard.railway.com} by default), so a test or a
 * staging backboard can replace all of them at once: GraphQL at {@code /graphql/v2}, the upload at
 * {@code /project/{p}/environment/{e}/up}.
 */
public final class RailwayEndpoints {
    public static final String DEFAULT_API_URL = "https://backboard.railway.com";
    static final String USER_AGENT = "deploy-gates/0.1.0";

    private final HttpUrl base;

    private RailwayEndpoints(HttpUrl base) {
        this.base = base;
    }

    /** @throws ConfigurationException naming {@code apiUrl} when the text is not an http(s) URL */
    public static RailwayEndpoints of(String apiUrl) {
        String text = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl.trim();
        HttpUrl url = HttpUrl.parse(text);
        ConfigurationException.require(url != null,
                "apiUrl '" + apiUrl + "' is not an http(s) URL: leave it empty for " + DEFAULT_API_URL + ".");
        return new RailwayEndpoints(url.newBuilder().encodedPath("/").query(null).build());
    }

    public HttpUrl graphql() {
        return base.newBuilder().addPathSegments("graphql/v2").build();
    }

    /** The subscription endpoint: the GraphQL URL as a WebSocket's ({@code ws(s)://}). */
    public URI subscriptionsUri() {
        HttpUrl graphql = graphql();
        return URI.create((graphql.isHttps() ? "wss" : "ws") + graphql.toString().substring(graphql.scheme().length()));
    }

    /** Scheme, host and port: the only place a token given for these endpoints may be sent. */
    public String origin() {
        return base.scheme() + "://" + base.host() + ":" + base.port();
    }

    public HttpUrl upload(String projectId, String environmentId, String serviceId, String message) {
        HttpUrl.Builder url = base.newBuilder()
                .addPathSegment("project").addPathSegment(projectId)
                .addPathSegment("environment").addPathSegment(environmentId)
                .addPathSegment("up")
                .addQueryParameter("serviceId", serviceId);
        if (message != null && !message.isBlank()) {
            url.addQueryParameter("message", message);
        }
        return url.build();
    }

    @Override
    public String toString() {
        return base.toString();
    }

    /**
     * The client every Railway call uses. OkHttp's own silent retry is off: reads are retried by
     * {@link GraphQlClient}, and a write must not be sent twice behind our back. Redirects are not followed: the
     * project token travels in {@code project-access-token}, a header OkHttp would carry to any host a redirect
     * names, so a redirect is refused with {@link #redirectRefused} instead. Every call ends within
     * {@link #CALL_TIMEOUT}, whatever the peer trickles; callers shorten it to what their deadline leaves.
     */
    public static OkHttpClient httpClient() {
        return httpClient(new OkHttpClient());
    }

    /** The same, on top of {@code base}: a Jenkins controller passes a client that goes through its proxy. */
    public static OkHttpClient httpClient(OkHttpClient base) {
        return base.newBuilder()
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(Duration.ofSeconds(15))
                .readTimeout(Duration.ofSeconds(90))
                .writeTimeout(Duration.ofSeconds(90))
                .callTimeout(CALL_TIMEOUT)
                .pingInterval(Duration.ofSeconds(30))
                .build();
    }

    /**
     * The client the subscription's WebSocket uses, when none is given (the command line): the JDK's, since it hands
     * a message over in parts that can be counted (see {@link DeploymentSubscription}), going through the JVM's
     * default proxy selector as OkHttp's client does. One for the JVM.
     */
    public static HttpClient webSocketClient() {
        return DefaultWebSockets.CLIENT;
    }

    /**
     * The same, from {@code base}: a Jenkins controller passes a builder that goes through its proxy. Redirects are
     * never followed, so the token on the upgrade request never reaches another address.
     */
    public static HttpClient webSocketClient(HttpClient.Builder base) {
        return base.followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(15)).build();
    }

    /** Built on first use only: a JVM that never follows a deployment starts none of its threads. */
    private static final class DefaultWebSockets {
        static final HttpClient CLIENT = webSocketClient(HttpClient.newBuilder());
    }

    /** The longest one Railway call (not the upload, which {@link Uploader} bounds by its size) may take. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);

    /** Why a redirect from Railway's address was not followed, in the user's words. */
    static String redirectRefused(okhttp3.Response response) {
        String location = response.header("Location");
        HttpUrl to = location == null ? null : response.request().url().resolve(location);
        return "The Railway API at " + response.request().url().newBuilder().encodedPath("/").query(null).build()
                + " answered with a redirect (HTTP " + response.code() + ")" + (to == null ? "" : " to " + to.scheme()
                + "://" + to.host() + ":" + to.port()) + ", which is not followed so the token stays with the address"
                + " it was given for: check apiUrl.";
    }
}
