package io.jenkins.plugins.deploygates.engine.railway;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.railway.upload.ArchiveException;
import io.jenkins.plugins.deploygates.engine.railway.upload.ArchiveOptions;
import io.jenkins.plugins.deploygates.engine.railway.upload.ArchivePlan;
import io.jenkins.plugins.deploygates.engine.railway.upload.SpooledArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@code POST /project/{p}/environment/{e}/up}: the directory is walked ({@link ArchivePlan}), written as a tar.gz
 * to a temporary file on this machine ({@link SpooledArchive}), then sent with its {@code Content-Length}, as
 * {@code railway up} sends it. Anything that fails before the first byte leaves is an {@link ArchiveException}
 * (nothing was sent); the upload itself is sent once and never repeated behind the user's back.
 */
public final class Uploader {
    /** Railway's answer to an accepted upload, plus what was sent. */
    public record Uploaded(String deploymentId, String url, String logsUrl, String deploymentDomain,
            long files, long archiveBytes) implements java.io.Serializable {}

    private static final MediaType GZIP = MediaType.get("application/gzip");

    private final RailwayEndpoints endpoints;
    private final RailwayToken token;
    private final OkHttpClient http;
    private Duration limit = DEFAULT_LIMIT;

    /** The longest an upload may take when nothing shorter is asked for. */
    static final Duration DEFAULT_LIMIT = Duration.ofMinutes(30);

    public Uploader(RailwayEndpoints endpoints, RailwayToken token, OkHttpClient http) {
        this.endpoints = endpoints;
        this.token = token;
        this.http = http;
    }

    /** Ends the upload by this much time from its start (what the run's timeout leaves). */
    public Uploader within(Duration left) {
        this.limit = left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left;
        return this;
    }

    /**
     * Walks {@code dir} with the ignore rules, says what it found, builds the archive and sends it.
     *
     * @param projectDir where {@code railway up} would run (the workspace): the archive's names start there
     *     unless {@code options.pathAsRoot()}
     */
    public Uploaded uploadDirectory(RailwayTarget target, Path dir, Path projectDir, ArchiveOptions options,
            String message, ProgressLog log) throws IOException {
        ArchivePlan plan;
        try {
            plan = ArchivePlan.of(dir, projectDir, options, log);
        } catch (ArchiveException | ConfigurationException e) {
            throw e;
        } catch (IOException e) {
            throw new ArchiveException("The directory could not be read (" + e.getMessage() + ")", e);
        }
        log.line("[railway] Archive: " + plan.fileCount() + " files, " + RailwayUp.megabytes(plan.totalBytes())
                + " before compression.");
        try (SpooledArchive archive = SpooledArchive.of(plan)) {
            return upload(target, archive, message);
        }
    }

    public Uploaded upload(RailwayTarget target, SpooledArchive archive, String message) throws IOException {
        long bytes = archive.bytes();
        Request request = token.authorize(new Request.Builder()
                        .url(endpoints.upload(target.projectId(), target.environmentId(), target.serviceId(), message)))
                .header("x-source", RailwayEndpoints.USER_AGENT)
                .header("User-Agent", RailwayEndpoints.USER_AGENT)
                .post(RequestBody.create(archive.file().toFile(), GZIP))
                .build();
        Call call = http.newCall(request);
        call.timeout().timeout(limit.toMillis(), TimeUnit.MILLISECONDS);
        try (Response response = call.execute()) {
            BoundedBody.Text text = BoundedBody.read(response, BoundedBody.UPLOAD_ANSWER_CAP);
            return answer(response, text, archive.files(), bytes);
        }
    }

    private Uploaded answer(Response response, BoundedBody.Text body, long files, long sent) {
        int code = response.code();
        String text = body.text();
        if (code == 413) {
            throw new GateFailedException("Railway rejected the upload as too large (HTTP 413, " + sent
                    + " bytes compressed): add build output and dependencies to .railwayignore.");
        }
        if (code == 400) {
            throw new GateFailedException("Railway rejected the upload (HTTP 400): " + message(text));
        }
        if (code == 404) {
            throw new ConfigurationException("Railway found no such service in this environment (HTTP 404: "
                    + message(text) + "): check service and environment.");
        }
        if (code >= 300 && code < 400) {
            throw new ConfigurationException(RailwayEndpoints.redirectRefused(response));
        }
        if (code != 200) {
            throw new RailwayApiException("Railway did not accept the upload (HTTP " + code + ": " + message(text)
                    + ").", "");
        }
        if (body.capped()) {
            throw new RailwayApiException("Railway's answer to the upload was larger than "
                    + BoundedBody.describe(BoundedBody.UPLOAD_ANSWER_CAP) + " (the cap for it), so it was not read:"
                    + " check apiUrl and the dashboard.", "");
        }
        JsonNode json = parse(text);
        String id = json.path("deploymentId").asText("");
        if (id.isEmpty()) {
            throw new RailwayApiException("Railway accepted the upload but returned no deploymentId", "");
        }
        return new Uploaded(id, json.path("url").asText(""), json.path("logsUrl").asText(""),
                json.path("deploymentDomain").asText(""), files, sent);
    }

    /** Railway's error message, redacted: it ends up in the exception the user sees. */
    private String message(String text) {
        JsonNode json = parse(text);
        String message = json.path("message").asText("");
        String shown = token.redactor().redact(message.isEmpty() ? text.strip() : message);
        return shown.length() > 300 ? shown.substring(0, 300) + "…" : shown;
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text.isBlank() ? "{}" : text);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
