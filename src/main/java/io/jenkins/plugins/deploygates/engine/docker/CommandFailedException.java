package io.jenkins.plugins.deploygates.engine.docker;

/** A docker command exited non-zero or ran out of time; the message says which and quotes docker's first line. */
final class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailedException(String message) {
        super(message);
    }
}
