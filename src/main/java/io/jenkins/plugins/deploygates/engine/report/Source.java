package io.jenkins.plugins.deploygates.engine.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record read from the report directory.
 *
 * @param path where it lies, relative to the report directory ({@code staging/health-gate.json}); shown as the
 *     record's origin, and its folder names the environment when there are several
 */
record Source(String path, JsonNode json) {
    /** The folder part of the path, or empty for a record at the top. */
    String folder() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
