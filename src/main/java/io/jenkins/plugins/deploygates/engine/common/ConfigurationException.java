package io.jenkins.plugins.deploygates.engine.common;

/**
 * A mistake in what the user asked for: a bad parameter, a missing file, an unknown name. The message is one
 * sentence that names the parameter and says what to do; it is shown as is (Jenkins: AbortException, command
 * line: exit code 2), never with a stack trace.
 */
public class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    /** Throws when {@code condition} is false. */
    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new ConfigurationException(message);
        }
    }
}
