package io.jenkins.plugins.deploygates.engine.railway;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * {@code POST /project/{p}/environment/{e}/up}: the tar.gz is produced while it is sent (chunked), so memory
 * stays flat however big the tree. The body is one-shot: a failed upload is reported, never re-sent.
 */
public final class Uploader {
    /** Railway's answer to an accepted upload, plus what was sent. */
    public record Uploaded(String deploymentId, String url, String logsUrl, String deploymentDomain,
            long files, long archiveBytes) implements java.io.Serializable {}

    private static final MediaType GZIP = MediaType.get("application/gzip");

    private final RailwayEndpoints endpoints;
    private final RailwayToken token;
    private final OkHttpClient http;

    public Uploader(RailwayEndpoints endpoints, RailwayToken token, OkHttpClient http) {
        this.endpoints = endpoints;
        this.token = token;
        this.http = http;
    }

    /** Walks {@code dir} with the ignore rules, says what it found, and streams it up. */
    public Uploaded uploadDirectory(RailwayTarget target, Path dir, String message, ProgressLog log)
            throws IOException {
        ArchivePlan plan = ArchivePlan.of(dir, log);
        log.line("[railway] Archive: " + plan.fileCount() + " files, " + RailwayUp.megabytes(plan.totalBytes())
                + " before compression.");
        return upload(target, plan, message);
    }

    public Uploaded upload(RailwayTarget target, ArchivePlan plan, String message) throws IOException {
        StreamingArchive body = new StreamingArchive(plan);
        Request request = token.authorize(new Request.Builder()
                        .url(endpoints.upload(target.projectId(), target.environmentId(), target.serviceId(), message)))
                .header("x-source", RailwayEndpoints.USER_AGENT)
                .header("User-Agent", RailwayEndpoints.USER_AGENT)
                .post(body)
                .build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            return answer(response.code(), text, plan, body.sent);
        }
    }

    private Uploaded answer(int code, String text, ArchivePlan plan, long sent) {
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
        if (code != 200) {
            throw new RailwayApiException("Railway upload failed with HTTP " + code + ": " + message(text), "");
        }
        JsonNode json = parse(text);
        String id = json.path("deploymentId").asText("");
        if (id.isEmpty()) {
            throw new RailwayApiException("Railway accepted the upload but returned no deploymentId", "");
        }
        return new Uploaded(id, json.path("url").asText(""), json.path("logsUrl").asText(""),
                json.path("deploymentDomain").asText(""), plan.fileCount(), sent);
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

    /** The request body: writes the archive straight into the connection and counts what went out. */
    private static final class StreamingArchive extends RequestBody {
        private final ArchivePlan plan;
        private long sent;

        StreamingArchive(ArchivePlan plan) {
            this.plan = plan;
        }

        @Override
        public MediaType contentType() {
            return GZIP;
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            OutputStream counting = new FilterOutputStream(sink.outputStream()) {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    sent++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    sent += len;
                }

                @Override
                public void close() {
                    // the sink belongs to OkHttp
                }
            };
            new TarGzWriter().write(plan, counting);
            counting.flush();
        }
    }
}
