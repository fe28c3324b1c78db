package io.jenkins.plugins.deploygates.engine.common;

import java.io.PrintStream;

/**
 * Where an engine writes its progress lines: the Jenkins console, or stdout for the command line. Every line
 * passes through the engine's {@link Redactor} before it gets here.
 */
@FunctionalInterface
public interface ProgressLog {
    void line(String text);

    static ProgressLog to(PrintStream out) {
        return text -> {
            synchronized (out) {
                out.println(text);
                out.flush();
            }
        };
    }

    static ProgressLog to(java.io.PrintWriter out) {
        return text -> {
            synchronized (out) {
                out.println(text);
                out.flush();
            }
        };
    }

    static ProgressLog discard() {
        return text -> { };
    }

    /** The same log with every line redacted first. */
    default ProgressLog redacting(Redactor redactor) {
        return text -> line(redactor.redact(text));
    }
}
