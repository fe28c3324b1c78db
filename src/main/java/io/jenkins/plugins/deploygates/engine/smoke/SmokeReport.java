package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.common.JUnitReport;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.smoke.CheckResult.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of a smoke run: one redacted {@link CheckResult} per check, as a Map, JUnit XML and JSON. A run
 * passes when no check failed and every check ran; a stopped run keeps what ran and marks the rest not run.
 */
public final class SmokeReport {
    public static final String JUNIT_FILE = "smoke-auth-junit.xml";
    public static final String JSON_FILE = "smoke-auth.json";
    private final String flow;
    private final String baseUrl;
    private final String email;
    private final List<CheckResult> checks;
    private final boolean stopped;

    SmokeReport(String flow, String baseUrl, String email, List<CheckResult> checks, boolean stopped) {
        this.flow = flow;
        this.baseUrl = baseUrl;
        this.email = email;
        this.checks = List.copyOf(checks);
        this.stopped = stopped;
    }

    public List<CheckResult> checks() {
        return checks;
    }

    public boolean passed() {
        return failed().isEmpty() && notRun().isEmpty();
    }

    /** Whether the run was stopped before it finished (then {@link SmokeRunStopped} carried this report). */
    public boolean stopped() {
        return stopped;
    }

    public List<CheckResult> failed() {
        return with(Outcome.FAILED);
    }

    public List<CheckResult> notRun() {
        return with(Outcome.NOT_RUN);
    }

    public List<CheckResult> warned() {
        return with(Outcome.WARNED);
    }

    private List<CheckResult> with(Outcome outcome) {
        return checks.stream().filter(c -> c.outcome() == outcome).collect(Collectors.toList());
    }

    /** Plain values only, for a Pipeline to read: {@code result.checks['link requested'].status}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("passed", passed());
        map.put("stopped", stopped);
        map.put("flow", flow);
        map.put("baseUrl", baseUrl);
        map.put("email", email);
        map.put("failed", names(failed()));
        map.put("warned", names(warned()));
        map.put("notRun", names(notRun()));
        Map<String, Object> byName = new LinkedHashMap<>();
        checks.forEach(c -> byName.put(c.name(), c.toMap()));
        map.put("checks", byName);
        return map;
    }

    private static List<String> names(List<CheckResult> results) {
        return results.stream().map(CheckResult::name).collect(Collectors.toList());
    }

    public JUnitReport junit() {
        JUnitReport junit = new JUnitReport("smokeAuthFlow");
        String className = "smokeAuthFlow." + flow;
        for (CheckResult c : checks) {
            String output = c.request() == null ? null : c.request() + (c.status() == null ? "" : " -> " + c.status())
                    + (c.saw() == null ? "" : "\nsaw: " + c.saw());
            switch (c.outcome()) {
                case PASSED: junit.passed(className, c.name(), c.latencyMillis(), output); break;
                case WARNED: junit.passed(className, c.name(), c.latencyMillis(), "WARNED (warn-only): " + c.reason()
                        + (output == null ? "" : "\n" + output)); break;
                case FAILED: junit.failed(className, c.name(), c.latencyMillis(), c.reason(), output); break;
                default: junit.skipped(className, c.name(), c.reason());
            }
        }
        return junit;
    }

    /** The report files by name, rendered here so Jenkins can write them on the agent. */
    public Map<String, byte[]> files() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(JUNIT_FILE, junit().toXml().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        files.put(JSON_FILE, Json.MAPPER.writeValueAsBytes(toMap()));
        return files;
    }

    /** Writes {@value #JUNIT_FILE} and {@value #JSON_FILE} into the directory. */
    public void writeTo(Path dir) throws IOException {
        junit().write(dir.resolve(JUNIT_FILE));
        Json.write(dir.resolve(JSON_FILE), toMap());
    }

    /** @throws GateFailedException naming every failed check and why, and the checks that did not run */
    public void requirePassed() {
        if (passed()) {
            return;
        }
        String notRun = notRun().isEmpty() ? "" : notRun().size() + " not run ("
                + notRun().stream().map(CheckResult::name).collect(Collectors.joining(", ")) + ": "
                + notRun().get(0).reason() + ")";
        if (failed().isEmpty()) {
            throw new GateFailedException("smoke test of " + baseUrl + " did not finish: " + notRun);
        }
        String list = failed().stream().map(c -> c.name() + " (" + c.reason() + ")").collect(Collectors.joining("; "));
        throw new GateFailedException("smoke test of " + baseUrl + " failed " + failed().size() + " of "
                + checks.size() + " checks: " + list + (notRun.isEmpty() ? "" : "; " + notRun));
    }

    /** One sentence for a stopped run. */
    String stoppedSentence() {
        long ran = checks.stream().filter(c -> c.outcome() != Outcome.NOT_RUN).count();
        return "smoke test of " + baseUrl + " was stopped after " + ran + " of " + checks.size() + " checks; the other "
                + notRun().size() + " are marked not run";
    }
}
