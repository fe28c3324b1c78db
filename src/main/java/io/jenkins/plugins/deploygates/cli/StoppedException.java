package io.jenkins.plugins.deploygates.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command stopped (Ctrl-C, SIGTERM, an interrupt) after it cleaned up: exit 1, and one sentence on stderr that
 * says where it stopped and where its record is, so nothing is lost that the user needs to follow up.
 */
final class StoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private StoppedException(String message) {
        super(message);
    }

    /** A sentence of an engine's, to be quoted inside this one: without its final full stop. */
    static String clause(String sentence) {
        String s = sentence == null ? "" : sentence.strip();
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * @param where what the command was doing and what that means now, such as "during the rebuild: the running
     *     docker command was killed"
     * @param reportDir the command's record folder, null when none was asked for
     * @param records the files the command writes there
     */
    static StoppedException after(String where, Path reportDir, String... records) {
        if (reportDir == null) {
            return new StoppedException(where + "; nothing was recorded (no --report-dir was given)");
        }
        List<String> written = new ArrayList<>();
        for (String name : records) {
            Path file = reportDir.resolve(name);
            if (Files.isRegularFile(file)) {
                written.add(file.toString());
            }
        }
        return new StoppedException(where + (written.isEmpty() ? "; no record was written to " + reportDir
                : "; record: " + String.join(", ", written)));
    }
}
