package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.GateFailedException;

/**
 * Railway answered, but not with what was asked: a GraphQL {@code errors[]} entry, an unexpected HTTP status,
 * or a transport failure that outlasted the retries. The message is Railway's own words plus the operation.
 * It is a failed deploy, not a bug: the command line exits 1 and Jenkins fails the step with the message.
 */
public class RailwayApiException extends GateFailedException {
    private static final long serialVersionUID = 1L;

    private final String railwayMessage;

    public RailwayApiException(String message, String railwayMessage) {
        super(message);
        this.railwayMessage = railwayMessage == null ? "" : railwayMessage;
    }

    /** Railway's own error text (the first {@code errors[].message}), or empty. */
    public String railwayMessage() {
        return railwayMessage;
    }

    public boolean says(String words) {
        return railwayMessage.toLowerCase(java.util.Locale.ROOT).contains(words.toLowerCase(java.util.Locale.ROOT));
    }
}
