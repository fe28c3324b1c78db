package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Brings a deployment's build and deploy log lines into the console while the verdict is awaited. Each poll
 * asks for lines since the newest one printed; Railway repeats lines and returns {@code limit + 1} rows, so a
 * line is printed only if its timestamp is newer than the last printed one. A failing log query is reported
 * once and otherwise ignored: logs never decide, delay or change the verdict.
 */
final class LogPoller {
    static final int LIMIT = 500;
    static final int TAIL = 50;

    private final RailwayApi api;
    private final String deploymentId;
    private final ProgressLog log;
    private final Deque<String> tail = new ArrayDeque<>();
    private final String[] newest = {"", ""};
    private boolean warned;

    LogPoller(RailwayApi api, String deploymentId, ProgressLog log) {
        this.api = api;
        this.deploymentId = deploymentId;
        this.log = log;
    }

    /** Prints the lines that arrived since the last poll. */
    void poll() throws InterruptedException {
        poll(true);
        poll(false);
    }

    private void poll(boolean build) throws InterruptedException {
        int stream = build ? 0 : 1;
        List<RailwayApi.LogLine> lines;
        try {
            lines = api.logs(build, deploymentId, LIMIT, newest[stream].isEmpty() ? null : newest[stream]);
        } catch (RuntimeException e) {
            if (!warned) {
                warned = true;
                log.line("[railway] Log lines are unavailable (" + e.getMessage()
                        + "); the verdict comes from the deployment status, not the logs.");
            }
            return;
        }
        for (RailwayApi.LogLine line : lastRows(lines)) {
            if (line.timestamp().compareTo(newest[stream]) > 0) {
                newest[stream] = line.timestamp();
                print((build ? "[build] " : "[deploy] ") + line.message());
            }
        }
    }

    /** Railway answers {@code limit + 1} rows; like its CLI, keep the last {@code limit}. */
    private static List<RailwayApi.LogLine> lastRows(List<RailwayApi.LogLine> lines) {
        return lines.size() > LIMIT ? new ArrayList<>(lines.subList(lines.size() - LIMIT, lines.size())) : lines;
    }

    private void print(String line) {
        log.line(line);
        tail.addLast(line);
        if (tail.size() > TAIL) {
            tail.removeFirst();
        }
    }

    /** The last 50 lines printed, for the failure summary. */
    List<String> tail() {
        return new ArrayList<>(tail);
    }
}
