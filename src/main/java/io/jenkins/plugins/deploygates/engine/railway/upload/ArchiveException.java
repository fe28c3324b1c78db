package io.jenkins.plugins.deploygates.engine.railway.upload;

import java.io.IOException;

/**
 * The archive could not be built (a file changed while it was read, the walk hit an unreadable directory, the
 * spool file could not be written). It happens before the upload starts, so nothing reached Railway, and the
 * message says so; an {@link IOException} so it crosses the agent channel like any other.
 */
public final class ArchiveException extends IOException {
    private static final long serialVersionUID = 1L;

    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
