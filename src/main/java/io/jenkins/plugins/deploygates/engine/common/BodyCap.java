package io.jenkins.plugins.deploygates.engine.common;

import java.io.IOException;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads a peer's answer up to a cap and stops there: a server that sends an endless or huge body costs the cap,
 * never the controller's memory. The caller names the cap in its verdict when it was hit.
 */
public final class BodyCap {
    private static final long CHUNK = 8192;

    private BodyCap() {}

    /** The body's bytes; empty for no body. */
    public static byte[] read(ResponseBody body, long cap) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        Buffer buffer = new Buffer();
        BufferedSource source = body.source();
        while (buffer.size() <= cap) {
            if (source.read(buffer, CHUNK) == -1) {
                return buffer.readByteArray();
            }
        }
        throw new Exceeded(cap);
    }

    /** {@code 1 MiB}, {@code 64 KiB}: a cap as people read it. */
    public static String describe(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes / 1024 + " KiB";
    }

    /** The answer was longer than the cap; reading stopped at the cap. */
    public static final class Exceeded extends IOException {
        private static final long serialVersionUID = 1L;
        private final long cap;

        public Exceeded(long cap) {
            this(cap, "the answer");
        }

        /** @param what what passed the cap, as the message starts: {@code the email's text} */
        public Exceeded(long cap, String what) {
            super(what + " passed the " + describe(cap) + " cap, so reading stopped there");
            this.cap = cap;
        }

        public long cap() {
            return cap;
        }
    }
}
