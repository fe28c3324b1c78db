package io.jenkins.plugins.deploygates.engine.health;

import java.net.URI;
import java.util.Locale;

/**
 * Scheme, host and port of an address: what credentials are scoped to. A redirect to another origin, an
 * https-to-http downgrade included, never carries the headers given for the first one.
 */
final class Origin {
    private Origin() {}

    /** {@code https://api.example.com:443}: never the path, query or user info, so it is safe to print. */
    static String of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) || "wss".equals(scheme) ? 443 : 80;
        return scheme + "://" + host + ":" + port;
    }

    static boolean same(URI a, URI b) {
        return of(a).equals(of(b));
    }
}
