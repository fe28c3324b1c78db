package io.jenkins.plugins.deploygates.engine.common;

/**
 * The gate or deploy ran and its verdict is "failed" (Jenkins: AbortException, command line: exit code 1).
 * The message is the verdict's reason, already redacted.
 */
public class GateFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GateFailedException(String message) {
        super(message);
    }
}
