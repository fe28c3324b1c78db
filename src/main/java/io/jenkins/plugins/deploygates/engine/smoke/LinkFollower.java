package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.Deadline;
import io.jenkins.plugins.deploygates.engine.smoke.CheckRunner.StepFailed;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.HttpUrl;

/**
 * Follows an emailed link through click-tracking redirects (mail providers and transactional services rewrite
 * links to {@code https://click.example/...}) to the app's sign-in URL: at most {@link #MAX_HOPS} hops, each one
 * logged, each host's cookies sent back only to it. A hop to a host that is neither baseUrl's nor allowed is not
 * requested, so the token never reaches it. The chain ends at the first URL on baseUrl's origin, which is not
 * requested here: the check sends it.
 */
final class LinkFollower {
    static final int MAX_HOPS = 10;
    private final LinkPolicy policy;
    private final HttpCaller http;
    private final Deadline deadline;
    private final Consumer<String> log;

    /** Where the chain ended; {@code answer} is set when an allowed host answered without redirecting. */
    record Followed(String url, HttpExchange answer, List<String> hops) {}

    LinkFollower(LinkPolicy policy, HttpCaller http, Deadline deadline, Consumer<String> log) {
        this.policy = policy;
        this.http = http;
        this.deadline = deadline;
        this.log = log;
    }

    Followed follow(String link) throws IOException, InterruptedException {
        HostCookies cookies = new HostCookies();
        List<String> hops = new ArrayList<>();
        HttpUrl url = parse(link, "the emailed link");
        while (!policy.isBase(url)) {
            if (!policy.isAllowed(url)) {
                throw new StepFailed(refusal(url, hops));
            }
            if (hops.size() == MAX_HOPS) {
                throw new StepFailed("the emailed link redirected " + MAX_HOPS + " times without reaching "
                        + policy.base() + ", so it was not followed further");
            }
            HttpExchange answer = http.send("GET", url.toString(), cookies.headersFor(url), null, deadline).whole();
            cookies.keep(url, answer);
            hops.add(LinkPolicy.origin(url) + " -> " + answer.status);
            log.accept("  link hop " + hops.size() + ": GET " + LinkPolicy.origin(url) + "/... -> " + answer.status);
            String location = answer.header("Location");
            if (answer.status / 100 != 3 || location == null) {
                return new Followed(url.toString(), answer, hops);
            }
            url = parse(url.resolve(location) == null ? null : url.resolve(location).toString(),
                    "the redirect from " + LinkPolicy.origin(url));
        }
        return new Followed(url.toString(), null, hops);
    }

    private static HttpUrl parse(String url, String what) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
        if (parsed == null) {
            throw new StepFailed(what + " is not an http(s) URL");
        }
        return parsed;
    }

    private String refusal(HttpUrl url, List<String> hops) {
        String where = LinkPolicy.origin(url);
        if (hops.isEmpty()) {
            return "the emailed link points at " + where + ", not at baseUrl's " + policy.base() + ", so it was not"
                    + " requested and its token went nowhere: if that host is a click tracker or your sign-in host,"
                    + " allow it with " + LinkPolicy.OPTION;
        }
        return "the click-tracking redirect after " + hops.get(hops.size() - 1) + " leads to " + where + ", which is"
                + " neither baseUrl's " + policy.base() + " nor allowed, so it was not followed: if that host is yours,"
                + " allow it with " + LinkPolicy.OPTION;
    }
}
