package io.jenkins.plugins.deploygates.engine.smoke;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Marks a step's URL as the link from the email: it is followed through click-tracking redirects to baseUrl's host
 * (see {@link LinkFollower}), and the URL it ends at is split by {@link #pattern} into {@code <var>},
 * {@code <var>.1} (before the token), {@code <var>.2} (the token, secret) and {@code <var>.3} (after it), for the
 * checks that try other tokens on the app's own sign-in URL.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class EmailedLink {
    public String var = "verify";
    /** A template, such as {@code {{tokenPattern}}}. */
    public String pattern;

    /** The extraction that splits the sign-in URL; its token group is the secret. */
    Extraction extraction(java.util.function.UnaryOperator<String> render) {
        Extraction x = new Extraction();
        x.var = var;
        x.from = "regex";
        x.pattern = render.apply(pattern);
        x.secretGroups = List.of(2);
        return x;
    }
}
