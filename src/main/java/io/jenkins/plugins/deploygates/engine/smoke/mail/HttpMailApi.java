package io.jenkins.plugins.deploygates.engine.smoke.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploygates.engine.common.BodyCap;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * GETs JSON from a mail catcher's HTTP API (Mailpit, MailDev), with Basic auth when a user is given. Each answer is
 * read up to {@link #CAP}: a catcher holding thousands of emails, or a server that never stops sending, costs at
 * most that.
 */
final class HttpMailApi {
    /** The largest API answer read; MailDev's list holds every email's text, so it is the one that grows. */
    static final long CAP = 4L * 1024 * 1024;
    static final int NOT_FOUND = 404;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final OkHttpClient client;
    private final String baseUrl;
    private final String user;
    private final String password;

    HttpMailApi(String baseUrl, String user, String password, Duration timeout) {
        this.client = new OkHttpClient.Builder().callTimeout(timeout).build();
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.user = user;
        this.password = password;
    }

    /** The JSON at this path, or null when the server answers 404. */
    JsonNode get(String path) throws IOException {
        Request.Builder request = new Request.Builder().url(baseUrl + path);
        if (user != null && !user.isEmpty()) {
            request.header("Authorization", Credentials.basic(user, password == null ? "" : password));
        }
        try (Response response = client.newCall(request.build()).execute()) {
            if (response.code() == NOT_FOUND) {
                return null;
            }
            if (!response.isSuccessful()) {
                throw new IOException("GET " + baseUrl + path + " answered " + response.code());
            }
            try {
                return MAPPER.readTree(BodyCap.read(response.body(), CAP));
            } catch (BodyCap.Exceeded e) {
                throw new BodyCap.Exceeded(CAP, "GET " + baseUrl + path + " (delete old mail from the catcher)");
            }
        }
    }

    String baseUrl() {
        return baseUrl;
    }
}
