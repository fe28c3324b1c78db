package io.jenkins.plugins.deploygates.engine.summary;

import java.io.Serializable;

/** A link a verdict offers (a Railway deployment, its logs); only http(s) addresses ever become one. */
public final class Link implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String label;
    private final String url;

    Link(String label, String url) {
        this.label = label;
        this.url = url;
    }

    public String getLabel() {
        return label;
    }

    public String getUrl() {
        return url;
    }
}
