package io.jenkins.plugins.deploygates.demo;

import com.sun.net.httpserver.Headers;

/** Finds the demo session id in a request: the session cookie or an {@code Authorization: Bearer} token. */
final class SessionIds {
    private SessionIds() {}

    static String of(Headers headers) {
        String auth = headers.getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        for (String cookieHeader : headers.getOrDefault("Cookie", java.util.List.of())) {
            for (String pair : cookieHeader.split(";")) {
                String p = pair.trim();
                if (p.startsWith(DemoAuthService.COOKIE + "=")) {
                    return p.substring(DemoAuthService.COOKIE.length() + 1);
                }
            }
        }
        return null;
    }
}
