package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Prints a deployment's build and deploy log lines once each, whichever way they arrive (a subscription's batches,
 * a poll's page). Railway repeats lines and returns {@code limit + 1} rows, so a line is printed only if its
 * timestamp is newer than the last printed one of its kind, as the Railway CLI does. Keeps the last
 * {@value #TAIL} for the failure summary. Logs never decide, delay or change the verdict.
 */
final class LogLines {
    static final int LIMIT = 500;
    static final int TAIL = 50;

    private final ProgressLog log;
    private final Deque<String> tail = new ArrayDeque<>();
    private final String[] newest = {"", ""};
    private boolean warned;

    LogLines(ProgressLog log) {
        this.log = log;
    }

    /** The newest timestamp printed of this kind, for "since" in the next request; null before the first. */
    String newest(boolean build) {
        String n = newest[build ? 0 : 1];
        return n.isEmpty() ? null : n;
    }

    void print(boolean build, List<RailwayApi.LogLine> lines) {
        int stream = build ? 0 : 1;
        List<RailwayApi.LogLine> rows = lines.size() > LIMIT
                ? lines.subList(lines.size() - LIMIT, lines.size()) : lines;
        for (RailwayApi.LogLine line : rows) {
            if (line.timestamp().compareTo(newest[stream]) > 0) {
                newest[stream] = line.timestamp();
                String text = (build ? "[build] " : "[deploy] ") + line.message();
                log.line(text);
                tail.addLast(text);
                if (tail.size() > TAIL) {
                    tail.removeFirst();
                }
            }
        }
    }

    /** Says once that logs are unavailable; the verdict does not depend on them. */
    void unavailable(String why) {
        if (!warned) {
            warned = true;
            log.line("[railway] Log lines are unavailable (" + why + "); the verdict comes from the deployment"
                    + " status, not the logs.");
        }
    }

    List<String> tail() {
        return new ArrayList<>(tail);
    }
}
