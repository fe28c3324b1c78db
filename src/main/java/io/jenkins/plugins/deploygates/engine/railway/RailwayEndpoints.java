package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
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
     * The client every call uses. OkHttp's own silent retry is off: reads are retried by {@link GraphQlClient},
     * and a write must not be sent twice behind our back.
     */
    public static OkHttpClient httpClient() {
        return new OkHttpClient.Builder()
                .retryOnConnectionFailure(false)
                .connectTimeout(Duration.ofSeconds(15))
                .readTimeout(Duration.ofSeconds(90))
                .writeTimeout(Duration.ofSeconds(90))
                .build();
    }
}
