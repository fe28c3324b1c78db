package io.jenkins.plugins.deploygates.engine.docker;

import java.io.IOException;

/** The executable of a command is not on the {@code PATH} the command would run with. */
public final class MissingExecutableException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String executable;

    public MissingExecutableException(String executable, String path) {
        super(executable + " is not on PATH " + path);
        this.executable = executable;
    }

    public String executable() {
        return executable;
    }
}
