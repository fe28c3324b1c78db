package io.jenkins.plugins.deploygates.engine.railway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads an answer's body up to a cap, never more: a peer that sends an endless or enormous body must not fill the
 * heap of the controller (or the agent) that runs the step. The caps are documented in the README ("Security").
 */
final class BoundedBody {
    /** A GraphQL answer: 500 log lines of each kind fit many times over. */
    static final long GRAPHQL_CAP = 8L * 1024 * 1024;
    /** The upload's answer: four short fields, or an error message. */
    static final long UPLOAD_ANSWER_CAP = 64L * 1024;
    /** A version endpoint's answer: the version is searched for in its first 64 KiB. */
    static final long VERSION_CAP = 64L * 1024;

    /** The body read so far, and whether the cap cut it. */
    record Text(String text, boolean capped) {}

    private BoundedBody() {}

    static Text read(Response response, long cap) throws IOException {
        ResponseBody body = response.body();
        if (body == null) {
            return new Text("", false);
        }
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        while (buffer.size() <= cap) {
            long n = source.read(buffer, Math.min(8192, cap + 1 - buffer.size()));
            if (n < 0) {
                return new Text(buffer.readString(StandardCharsets.UTF_8), false);
            }
        }
        return new Text(buffer.readString(cap, StandardCharsets.UTF_8), true);
    }

    /** For messages: 8 MiB, 64 KiB. */
    static String describe(long cap) {
        return cap >= 1024 * 1024 ? cap / (1024 * 1024) + " MiB" : cap / 1024 + " KiB";
    }
}
