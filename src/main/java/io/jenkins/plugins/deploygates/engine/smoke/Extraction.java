package io.jenkins.plugins.deploygates.engine.smoke;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Takes one value out of a response or an email into a variable for later steps. Sources:
 * {@code json} (a JSONPath in {@link #path}), {@code regex} on the body or {@code email} (group {@link #group}
 * of {@link #pattern}), {@code cookie} (by {@link #name}), {@code header} (by {@link #name}) and
 * {@code session}: any {@code Set-Cookie}, else a JSON {@code sessionToken}, {@code token} or
 * {@code access_token}; it sets {@code <var>Header} and {@code <var>Value} so the next request can send it, and
 * {@code <var>Token}, the bare secret.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class Extraction {
    public String var;
    public String from;
    public String path;
    public String pattern;
    public int group;
    public String name;
    /** Extracted values are secrets unless a flow says otherwise (ids, counters). */
    public boolean secret = true;
    /**
     * For a regex: only these groups are secret values (the token inside a link), so reports can still show
     * the link with its token masked. Empty: the whole value is secret.
     */
    public java.util.List<Integer> secretGroups = new java.util.ArrayList<>();

    /** A copy with placeholders in its path, pattern and name filled (a flow may make them overridable). */
    Extraction rendered(java.util.function.UnaryOperator<String> render) {
        Extraction copy = new Extraction();
        copy.var = var;
        copy.from = from;
        copy.path = render.apply(path);
        copy.pattern = render.apply(pattern);
        copy.group = group;
        copy.name = render.apply(name);
        copy.secret = secret;
        copy.secretGroups = secretGroups;
        return copy;
    }
}
