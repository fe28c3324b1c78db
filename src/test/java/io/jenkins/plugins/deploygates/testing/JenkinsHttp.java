package io.jenkins.plugins.deploygates.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The REST API of the kit's Jenkins, called as one of its users (admin, alice, bob) with the API token the kit
 * wrote for each; an API token needs no CSRF crumb. Redirects are returned, not followed.
 */
final class JenkinsHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);
    private final URI base;
    private final Path secrets;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(20)).build();

    JenkinsHttp(URI base, Path secrets) {
        this.base = base;
        this.secrets = secrets;
    }

    JenkinsResponse get(String user, String path) {
        return send(request(user, path).GET());
    }

    /** A JSON answer, or an AssertionError naming the status. */
    JsonNode json(String user, String path) {
        JenkinsResponse response = get(user, path);
        if (response.status() != 200) {
            throw new AssertionError("GET " + path + " as " + user + ": HTTP " + response.status());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JenkinsResponse post(String user, String path, String contentType, String body) {
        return send(request(user, path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    JenkinsResponse postForm(String user, String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return post(user, path, "application/x-www-form-urlencoded", body);
    }

    /** The value of an {@code Authorization} header for {@code user}, for a client other than this one. */
    String basicAuth(String user) {
        try {
            String token = Files.readString(secrets.resolve(user + "-api-token")).trim();
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("no API token for " + user + " in " + secrets, e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code a/b} as Jenkins addresses a job in a folder: {@code job/a/job/b}. */
    static String jobPath(String job) {
        StringBuilder path = new StringBuilder();
        for (String part : job.split("/")) {
            path.append(path.length() == 0 ? "" : "/").append("job/").append(encode(part).replace("+", "%20"));
        }
        return path.toString();
    }

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(REQUEST_TIMEOUT).header("Authorization", basicAuth(user));
    }

    private JenkinsResponse send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> headers = new TreeMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            return new JenkinsResponse(response.statusCode(), new LinkedHashMap<>(headers), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Jenkins did not answer " + request.build().uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling Jenkins", e);
        }
    }
}
