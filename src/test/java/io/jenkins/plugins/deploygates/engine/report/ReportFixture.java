package io.jenkins.plugins.deploygates.engine.report;

import io.jenkins.plugins.deploygates.engine.common.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report directory as the steps write it: the records have the shapes of health-gate.json (HealthGateReport),
 * the promotion record (shared library), the compose rebuild, smoke and Railway records, including the
 * spellings the other steps actually use (checks keyed by name, {@code latencyMillis}, {@code service}).
 */
final class ReportFixture {
    static final String STAGING = "https://staging.example.com/health";
    static final String API = "https://api.example.com/health";
    static final String WS = "wss://api.example.com/socket";
    static final String DEPLOYMENT_ID = "7f3c2a91-5d2e-4c1b-9a77-0e6b1f2d4c88";
    static final long[] STAGING_LATENCIES = new long[40];

    static {
        for (int i = 0; i < STAGING_LATENCIES.length; i++) {
            STAGING_LATENCIES[i] = i < 3 ? 4 + i : 20 + (i * 37L % 61);
        }
    }

    private ReportFixture() {}

    /** Every kind of record, health gates in sub-folders, plus a stray file that is not a record. */
    static Path full(Path dir) throws IOException {
        Json.write(dir.resolve("promotion-record.json"), promotion());
        Json.write(dir.resolve("staging/health-gate.json"), healthGate(List.of(STAGING), stagingSamples(), true,
                "healthy after 1500ms; watched 10s: 0 of 20 samples failed (0.0%), p95 80ms", 20_000, 1500));
        Json.write(dir.resolve("production/health-gate.json"), healthGate(List.of(API, WS), productionSamples(),
                true, "healthy after 0ms; watched 5m", 300_000, 0));
        Json.write(dir.resolve("docker-rebuild.json"), docker());
        Json.write(dir.resolve("smoke-auth.json"), smoke());
        Json.write(dir.resolve("railway-up.json"), railway());
        Json.write(dir.resolve("notes.json"), Map.of("hello", "world"));
        return dir;
    }

    static Map<String, Object> sample(String target, String phase, long at, long latency, boolean ok, Integer status,
            String detail) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("target", target);
        s.put("phase", phase);
        s.put("atMs", at);
        s.put("latencyMs", latency);
        s.put("outcome", ok ? "SUCCESS" : status == null ? "ERROR" : "FAILURE");
        if (status != null) {
            s.put("status", status);
        }
        if (detail != null) {
            s.put("detail", detail);
        }
        s.put("success", ok);
        return s;
    }

    static Map<String, Object> healthGate(List<String> targets, List<Map<String, Object>> samples, boolean healthy,
            String reason, long durationMs, long timeToHealthyMs) {
        long[] latencies = samples.stream().mapToLong(s -> (Long) s.get("latencyMs")).sorted().toArray();
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("healthy", healthy);
        verdict.put("verdict", healthy ? "PASS" : "FAIL");
        verdict.put("phase", "WATCH");
        verdict.put("reason", reason);
        verdict.put("p50Ms", rank(latencies, 0.50));
        verdict.put("p95Ms", rank(latencies, 0.95));
        verdict.put("maxMs", latencies.length == 0 ? 0 : latencies[latencies.length - 1]);
        verdict.put("timeToHealthyMs", timeToHealthyMs);
        verdict.put("durationMs", durationMs);
        verdict.put("samples", samples);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("kind", "healthGate");
        record.put("plan", "await 1 target(s) every 500ms, then watch");
        record.put("targets", targets);
        record.put("verdict", verdict);
        return record;
    }

    /** Nearest-rank percentile, written out again here so the tests do not trust the code they check. */
    static long rank(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static long p95(long[] latencies) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return rank(sorted, 0.95);
    }

    /** 40 samples every 500 ms: the first three fail with 503 while the service warms up, watch from sample 20. */
    static List<Map<String, Object>> stagingSamples() {
        List<Map<String, Object>> samples = new ArrayList<>();
        for (int i = 0; i < STAGING_LATENCIES.length; i++) {
            boolean ok = i >= 3;
            samples.add(sample(STAGING, i < 20 ? "AWAIT" : "WATCH", i * 500L, STAGING_LATENCIES[i], ok,
                    ok ? 200 : 503, ok ? null : "HTTP 503, expected 200-299"));
        }
        return samples;
    }

    /** Two targets: 10,000 HTTP samples with 50 timeouts, and 30 WebSocket samples. */
    static List<Map<String, Object>> productionSamples() {
        List<Map<String, Object>> samples = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            boolean ok = i % 200 != 199;
            samples.add(sample(API, i == 0 ? "AWAIT" : "WATCH", i * 30L, apiLatency(i), ok, ok ? 200 : null,
                    ok ? null : "timed out after 5s"));
        }
        for (int i = 0; i < 30; i++) {
            samples.add(sample(WS, "WATCH", i * 10_000L, 40 + i, true, 101, null));
        }
        return samples;
    }

    static long apiLatency(int i) {
        return i % 200 == 199 ? 5000 : 30 + (i * 7919L % 120) + (i % 1000 == 500 ? 900 : 0);
    }

    static Map<String, Object> promotion() {
        Map<String, Object> staging = Map.of(
                "deployments", List.of(Map.of("deploymentId", "stg-1111", "status", "SUCCESS", "durationMs", 95_000,
                        "service", "backend", "url", "https://railway.com/project/p/service/s?id=stg-1111",
                        "at", "2026-11-24T10:01:35Z")),
                "gates", List.of(Map.of("gate", "health", "verdict", "PASS", "p95Ms", 80, "timeToHealthyMs", 1500,
                        "reason", "healthy after 1500ms", "at", "2026-11-24T10:02:10Z"),
                        Map.of("gate", "smoke", "verdict", "PASS", "at", "2026-11-24T10:02:40Z", "checks",
                                List.of(Map.of("name", "login", "passed", true), Map.of("name", "me", "passed", true)))));
        Map<String, Object> production = Map.of(
                "deployments", List.of(Map.of("deploymentId", DEPLOYMENT_ID, "status", "SUCCESS",
                        "durationMs", 88_000, "service", "backend", "at", "2026-11-24T11:32:00Z")),
                "gates", List.of(Map.of("gate", "watch", "verdict", "FAIL", "reason", "error rate 2.5% over 1%",
                        "at", "2026-11-24T11:47:00Z")));
        Map<String, Object> environments = new LinkedHashMap<>();
        environments.put("staging", staging);
        environments.put("production", production);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("job", "shop/deploy");
        record.put("build", "42");
        record.put("commit", "9c1e5b7d2a4f6e8c0b1d3f5a7c9e2b4d6f8a0c1e");
        record.put("startedAt", "2026-11-24T10:00:00Z");
        record.put("finishedAt", "2026-11-24T11:50:00Z");
        record.put("outcome", "rolled back");
        record.put("environments", environments);
        record.put("migrations", Map.of("status", "applied", "detail", "./migrate.sh", "at", "2026-11-24T11:30:00Z"));
        record.put("promotion", Map.of("promoted", true, "outcome", "promoted by alice", "decidedAt",
                "2026-11-24T11:29:00Z", "approvals", List.of(Map.of("user", "alice", "at", "2026-11-24T11:29:00Z",
                        "overrideSoak", true, "reason", "hotfix for checkout", "soak", "soaked 1h29m of 24h")),
                "refusals", List.of(Map.of("user", "bob", "at", "2026-11-24T11:10:00Z",
                        "refused", "four-eyes is on and bob started this build"))));
        record.put("rollbacks", List.of(Map.of("environment", "production", "reason", "watch failed",
                "health", Map.of("verdict", "PASS"), "at", "2026-11-24T11:49:00Z")));
        record.put("futureField", Map.of("anything", List.of(1, 2)));
        return record;
    }

    static Map<String, Object> docker() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("step", "dockerRebuild");
        record.put("project", "shop");
        record.put("verdict", "passed");
        record.put("services", List.of(
                service("web", "shop-web-1", "running", "healthy", "sha256:4f1a2b3c4d5e", 0),
                service("worker", "shop-worker-1", "running", "none", "sha256:9e8d7c6b5a41", 2),
                service("cache", "shop-cache-1", "exited", "unhealthy", "sha256:0a1b2c3d4e5f", 1)));
        record.put("rolledBack", true);
        record.put("addedLater", "ignored");
        return record;
    }

    private static Map<String, Object> service(String name, String container, String state, String health,
            String imageId, int restarts) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("service", name);
        s.put("container", container);
        s.put("state", state);
        s.put("health", health);
        s.put("imageId", imageId);
        s.put("restarts", restarts);
        return s;
    }

    static Map<String, Object> smoke() {
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("login page", check(true, 200, 45, null));
        checks.put("magic link sent", check(true, 202, 130, null));
        checks.put("link opens a session", check(false, 401, 61, "expected a session cookie, got none"));
        return Map.of("passed", false, "flow", "magic-link", "baseUrl", "https://staging.example.com",
                "checks", checks);
    }

    private static Map<String, Object> check(boolean passed, int status, long latency, String reason) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("outcome", passed ? "PASSED" : "FAILED");
        c.put("passed", passed);
        c.put("status", status);
        c.put("latencyMillis", latency);
        c.put("reason", reason);
        return c;
    }

    static Map<String, Object> railway() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("operation", "railway-up");
        r.put("serviceName", "backend");
        r.put("environmentName", "production");
        r.put("deploymentId", DEPLOYMENT_ID);
        r.put("replacedDeploymentId", "c1d2e3f4-0000-4000-8000-000000000001");
        r.put("url", "https://railway.com/project/p1/service/s1?id=" + DEPLOYMENT_ID);
        r.put("logsUrl", "https://railway.com/project/p1/logs?deployment=" + DEPLOYMENT_ID);
        r.put("statuses", List.of(Map.of("status", "INITIALIZING", "at", "2026-11-24T11:30:30Z"),
                Map.of("status", "BUILDING", "at", "2026-11-24T11:30:41Z"),
                Map.of("status", "DEPLOYING", "at", "2026-11-24T11:31:40Z"),
                Map.of("status", "SUCCESS", "at", "2026-11-24T11:32:00Z")));
        r.put("status", "SUCCESS");
        r.put("verdict", "PASSED");
        r.put("durationMs", 90_000);
        return r;
    }
}
