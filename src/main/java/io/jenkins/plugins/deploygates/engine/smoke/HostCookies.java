package io.jenkins.plugins.deploygates.engine.smoke;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.Cookie;
import okhttp3.HttpUrl;

/** The cookies a click-tracking redirect chain sets, each sent back only to the very host and port that set it. */
final class HostCookies {
    private final Map<String, Map<String, String>> byHost = new HashMap<>();

    void keep(HttpUrl url, HttpExchange answer) {
        for (String header : answer.headers("Set-Cookie")) {
            Cookie cookie = Cookie.parse(url, header);
            if (cookie == null) {
                continue;
            }
            Map<String, String> jar = byHost.computeIfAbsent(key(url), k -> new LinkedHashMap<>());
            if (cookie.expiresAt() <= System.currentTimeMillis()) {
                jar.remove(cookie.name());
            } else {
                jar.put(cookie.name(), cookie.value());
            }
        }
    }

    /** The request headers for this URL: a Cookie header with what its host set, or none. */
    Map<String, String> headersFor(HttpUrl url) {
        Map<String, String> jar = byHost.getOrDefault(key(url), Map.of());
        return jar.isEmpty() ? Map.of() : Map.of("Cookie", jar.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
    }

    private static String key(HttpUrl url) {
        return url.host() + ":" + url.port();
    }
}
