package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * Where an emailed link's token may be sent: baseUrl's origin (scheme, host and port), and the hosts the user
 * allowed (a click tracker, a separate sign-in host). A link anywhere else is not requested at all.
 */
final class LinkPolicy {
    static final String OPTION = "allowedLinkHosts (command line: --allow-link-host)";
    private final HttpUrl base;
    private final List<String> allowed;

    LinkPolicy(String baseUrl, List<String> allowedHosts) {
        this.base = HttpUrl.get(baseUrl);
        this.allowed = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    }

    /** The one validator of an allowed host: a host name or address, with an optional port. */
    static void checkHost(String entry) {
        String value = entry == null ? "" : entry.trim();
        HttpUrl parsed = value.matches("[A-Za-z0-9.\\-\\[\\]:]+") ? HttpUrl.parse("http://" + value + "/") : null;
        ConfigurationException.require(parsed != null && !value.startsWith(":"), "allowed link host '" + value
                + "' is not a host name: write it like click.example.com or click.example.com:8443, in "
                + OPTION + ".");
    }

    boolean isBase(HttpUrl url) {
        return url.scheme().equals(base.scheme()) && url.host().equals(base.host()) && url.port() == base.port();
    }

    boolean isAllowed(HttpUrl url) {
        for (String entry : allowed) {
            HttpUrl host = HttpUrl.get("http://" + entry + "/");
            boolean portGiven = entry.lastIndexOf(':') > entry.lastIndexOf(']');
            if (host.host().equals(url.host()) && (!portGiven || host.port() == url.port())) {
                return true;
            }
        }
        return false;
    }

    String base() {
        return origin(base);
    }

    /** {@code https://host:port}, never the path or query, which hold the token. */
    static String origin(HttpUrl url) {
        return url.scheme() + "://" + url.host() + ":" + url.port();
    }
}
