package io.jenkins.plugins.deploygates.engine.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns the exceptions a probe can meet into the one-line reasons people read in the console. */
final class ProbeErrors {
    private ProbeErrors() {}

    static String describe(Throwable t, long timeoutMs) {
        Throwable e = unwrap(t);
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out after " + timeoutMs + "ms";
        }
        if (e instanceof HttpTimeoutException || e instanceof TimeoutException) {
            return "timed out after " + timeoutMs + "ms";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof SSLException) {
            return "TLS failed: " + firstLine(e.getMessage());
        }
        if (e instanceof ProtocolException) {
            // The JDK's WebSocket client throws a ProtocolException without a message around the frame it refused.
            String m = firstLine(e.getMessage() == null && e.getCause() != null ? e.getCause().getMessage()
                    : e.getMessage());
            return m.startsWith("Header size too big") ? "response headers are larger than the HTTP client's cap ("
                    + m.substring("Header size too big".length()).replaceFirst("^:\\s*", "") + " bytes)"
                    : "HTTP protocol error: " + m;
        }
        if (e instanceof ClosedChannelException || e instanceof IOException) {
            String m = e.getMessage();
            return "connection reset or closed" + (m == null ? "" : ": " + firstLine(m));
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        // The JDK client wraps the real cause of a failed connection in a plain IOException or ConnectException.
        if (e instanceof IOException && !(e instanceof ConnectException) && e.getCause() instanceof SSLException) {
            return e.getCause();
        }
        return e;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
