package io.jenkins.plugins.deploygates.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One build of a job on the kit's Jenkins, driven over its REST API: wait for it, read its console, answer or abort
 * its {@code input} as a user, stop it, fetch what it archived. Each console read is kept in
 * {@code target/real-jenkins/consoles/<job>-<number>.log}, so a failed test leaves the real console behind.
 */
public final class RealBuild {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Pattern FINISHED = Pattern.compile("(?m)^Finished: ([A-Z_]+)\\s*\\z");
    /** How long {@link #answerInput} and {@link #abortInput} wait for the input: a whole staging run, on a busy machine. */
    private static final Duration INPUT_WAIT = Duration.ofMinutes(10);

    /** {@code job/<name>/<number>/}, what every call of this build starts with. */
    private final String base;
    private final String job;
    private final int number;
    private final JenkinsHttp http;

    RealBuild(JenkinsHttp http, String job, int number) {
        this.base = JenkinsHttp.jobPath(job) + "/" + number + "/";
        this.job = job;
        this.number = number;
        this.http = http;
    }

    public String job() {
        return job;
    }

    public int number() {
        return number;
    }

    /** Waits until the build has finished and returns its result (SUCCESS, FAILURE, NOT_BUILT, ABORTED...). */
    public String awaitResult(Duration max) {
        // "building" turns false a moment before a Pipeline's last result is set (a junit step's UNSTABLE can still
        // show while the failure that follows is being recorded), so the console's last line is what says it is over.
        return poll(max, "finish", () -> {
            JsonNode state = json("api/json?tree=building,result");
            if (state.path("building").asBoolean(true) || state.path("result").isNull()) {
                return null;
            }
            Matcher finished = FINISHED.matcher(console());
            return finished.find() ? finished.group(1) : null;
        });
    }

    /** The console text so far (and kept as a test artifact). */
    public String console() {
        String text = http.get("admin", path("consoleText")).text();
        try {
            Path file = RealServices.buildDirectory().resolve("real-jenkins/consoles")
                    .resolve(job.replace('/', '_') + "-" + number + ".log");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text;
    }

    /** Waits until the console shows {@code text}; returns the console at that moment. */
    public String awaitConsole(String text, Duration max) {
        return poll(max, "show '" + text + "' in its console", () -> {
            String console = console();
            return console.contains(text) ? console : null;
        });
    }

    /** Waits until the {@code input} step with this id is waiting for an answer. */
    public RealBuild awaitInput(String id, Duration max) {
        poll(max, "wait at input '" + inputId(id) + "'",
                () -> http.get("admin", path("input/" + inputId(id) + "/")).status() == 200 ? Boolean.TRUE : null);
        return this;
    }

    /** Submits the pending input as {@code user}, with these parameter values (none: plain proceed). */
    public JenkinsResponse answerInput(String id, String user, Map<String, Object> parameters) {
        awaitInput(id, INPUT_WAIT);
        if (parameters.isEmpty()) {
            return http.post(user, path("input/" + inputId(id) + "/proceedEmpty"), "text/plain", "");
        }
        List<Map<String, Object>> values = new ArrayList<>();
        parameters.forEach((name, value) -> values.add(Map.of("name", name, "value", value)));
        Map<String, String> form = new LinkedHashMap<>();
        try {
            form.put("json", JSON.writeValueAsString(Map.of("parameter", values)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        form.put("proceed", "Proceed");
        return http.postForm(user, path("input/" + inputId(id) + "/submit"), form);
    }

    /** Presses Abort on the pending input as {@code user}. */
    public JenkinsResponse abortInput(String id, String user) {
        awaitInput(id, INPUT_WAIT);
        return http.post(user, path("input/" + inputId(id) + "/abort"), "text/plain", "");
    }

    /** Stops the build as {@code user}, as the stop button does. */
    public JenkinsResponse stop(String user) {
        return http.post(user, path("stop"), "text/plain", "");
    }

    /** An archived artifact ({@code path} relative to the build's artifacts), with its response headers. */
    public JenkinsResponse artifact(String path) {
        return http.get("admin", path("artifact/" + path));
    }

    /** Any JSON the build serves, e.g. {@code api/json?tree=description} or {@code testReport/api/json}. */
    public JsonNode json(String subPath) {
        return http.json("admin", path(subPath));
    }

    private String path(String sub) {
        return base + sub;
    }

    /** Jenkins serves {@code input id: 'go'} at {@code input/Go/}. */
    private static String inputId(String id) {
        return Character.toUpperCase(id.charAt(0)) + id.substring(1);
    }

    private <T> T poll(Duration max, String what, Supplier<T> check) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            T value = check.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                String console = console();
                throw new AssertionError(job + " #" + number + " did not " + what + " within " + max.toSeconds()
                        + "s; console so far:\n" + console.substring(Math.max(0, console.length() - 6000)));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + job + " #" + number, e);
            }
        }
    }
}
