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

/** The outcome of a smoke run: one redacted {@link CheckResult} per check, as a Map, JUnit XML and JSON. */
public final class SmokeReport {
    public static final String JUNIT_FILE = "smoke-auth-junit.xml";
    public static final String JSON_FILE = "smoke-auth.json";
    private final String flow;
    private final String baseUrl;
    private final String email;
    private final List<CheckResult> checks;

    SmokeReport(String flow, String baseUrl, String email, List<CheckResult> checks) {
        this.flow = flow;
        this.baseUrl = baseUrl;
        this.email = email;
        this.checks = List.copyOf(checks);
    }

    public List<CheckResult> checks() {
        return checks;
    }

    public boolean passed() {
        return failed().isEmpty();
    }

    public List<CheckResult> failed() {
        return checks.stream().filter(c -> c.outcome() == Outcome.FAILED).collect(Collectors.toList());
    }

    /** Plain values only, for a Pipeline to read: {@code result.checks['link requested'].status}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("passed", passed());
        map.put("flow", flow);
        map.put("baseUrl", baseUrl);
        map.put("email", email);
        map.put("failed", failed().stream().map(CheckResult::name).collect(Collectors.toList()));
        Map<String, Object> byName = new LinkedHashMap<>();
        checks.forEach(c -> byName.put(c.name(), c.toMap()));
        map.put("checks", byName);
        return map;
    }

    public JUnitReport junit() {
        JUnitReport junit = new JUnitReport("smokeAuthFlow");
        String className = "smokeAuthFlow." + flow;
        for (CheckResult c : checks) {
            String output = c.request() == null ? null : c.request() + (c.status() == null ? "" : " -> " + c.status());
            if (c.outcome() == Outcome.PASSED) {
                junit.passed(className, c.name(), c.latencyMillis(), output);
            } else if (c.outcome() == Outcome.FAILED) {
                junit.failed(className, c.name(), c.latencyMillis(), c.reason(), output);
            } else {
                junit.skipped(className, c.name(), c.reason());
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

    /** @throws GateFailedException naming every failed check and why */
    public void requirePassed() {
        if (passed()) {
            return;
        }
        String list = failed().stream().map(c -> c.name() + " (" + c.reason() + ")").collect(Collectors.joining("; "));
        throw new GateFailedException("smoke test of " + baseUrl + " failed " + failed().size() + " of "
                + checks.size() + " checks: " + list);
    }
}
