package io.jenkins.plugins.deploygates.engine.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.health.GateRuntime;
import io.jenkins.plugins.deploygates.engine.health.HealthGate;
import io.jenkins.plugins.deploygates.engine.health.HealthGateConfig;
import io.jenkins.plugins.deploygates.engine.health.HealthGateReport;
import io.jenkins.plugins.deploygates.engine.health.HealthTarget;
import io.jenkins.plugins.deploygates.engine.health.Verdict;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord;
import io.jenkins.plugins.deploygates.engine.smoke.CheckResult;
import io.jenkins.plugins.deploygates.engine.smoke.CheckResult.Outcome;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeReport;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeReports;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step adds its verdict from its own result; deployGatesReport later reads the record the same step wrote. Both
 * must give the same verdict (same key), or the build page would show every gate twice.
 */
class StepAndRecordVerdictsTest {
    @TempDir
    Path dir;

    @Test
    void aHealthGatesVerdictReadsTheSameFromTheStepAndFromItsRecord() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            int status = calls.incrementAndGet() <= 2 ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try (GateRuntime runtime = GateRuntime.create()) {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
            HealthGateConfig config = HealthGateConfig.builder().target(HealthTarget.builder(url).build())
                    .interval(Duration.ofMillis(20)).attemptTimeout(Duration.ofSeconds(2)).timeout(Duration.ofSeconds(30))
                    .successThreshold(2).build();
            Verdict verdict = HealthGate.run(config, runtime, ProgressLog.discard(), Redactor.byShape());
            HealthGateReport.write(dir.resolve("staging/health"), config, verdict);

            GateVerdict fromStep = GateVerdicts.of(verdict);
            GateVerdict fromRecord = ReportFolder.read(dir).getGates().get(0);

            assertThat(fromRecord.getKey()).isEqualTo(fromStep.getKey());
            assertThat(fromRecord.getFiguresLine()).isEqualTo(fromStep.getFiguresLine());
            assertThat(fromRecord.getWhere()).isEqualTo("staging/health");
            assertThat(fromStep.getWhere()).isNull();
            assertThat(fromStep.getTitle()).isEqualTo("Health gate");
            assertThat(fromStep.getSubject()).isEqualTo(url);
            assertThat(fromStep.getVerdict()).isEqualTo("PASS");
            assertThat(fromStep.getTone()).isEqualTo(Tone.PASS);
            assertThat(figures(fromStep)).containsEntry("samples", "4 (2 failed)").containsKeys("p95", "time to healthy",
                    "duration");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aSmokeRunReadsTheSameFromTheStepAndFromItsRecord() throws Exception {
        SmokeReport report = SmokeReports.of("magic-link", "https://staging.example.com", "smoke+run1@example.com", List.of(
                new CheckResult("link requested", Outcome.PASSED, "POST /api/auth/send-magic-link", 200, 41, null, "202"),
                new CheckResult("email received", Outcome.PASSED, null, null, 1800, null, null),
                new CheckResult("token verified", Outcome.FAILED, "GET /api/auth/verify", 500, 12, "expected 200, got 500", "500"),
                new CheckResult("authenticated call", Outcome.SKIPPED, null, null, 0, "no session", null)));
        report.writeTo(dir.resolve("staging/smoke"));

        GateVerdict fromStep = GateVerdicts.of(report);
        GateVerdict fromRecord = ReportFolder.read(dir).getGates().get(0);

        assertThat(fromRecord.getKey()).isEqualTo(fromStep.getKey());
        assertThat(fromStep.getVerdict()).isEqualTo("FAIL");
        assertThat(fromStep.getSubject()).isEqualTo("https://staging.example.com \u00b7 magic-link");
        assertThat(figures(fromStep)).containsEntry("checks", "2 of 4 passed").containsEntry("failed", "token verified")
                .containsEntry("skipped", "authenticated call");
        assertThat(fromStep.getDetail()).isEqualTo("token verified: expected 200, got 500");
    }

    @Test
    void aRailwayDeployReadsTheSameFromTheStepAndFromItsRecord() throws Exception {
        DeploymentRecord record = new DeploymentRecord("railway-up", Instant.parse("2026-11-27T10:00:00Z"));
        record.serviceName = "api";
        record.environmentName = "production";
        record.deploymentId = "d-prod-9";
        record.replacedDeploymentId = "d-prod-8";
        record.status = "SUCCESS";
        record.verdict = DeploymentRecord.Verdict.PASSED;
        record.durationMs = 95_000L;
        record.url = "https://railway.com/project/p/service/s?id=d-prod-9";
        record.logsUrl = "javascript:alert(1)";
        Json.write(dir.resolve("production/railway-up-api.json"), record);

        GateVerdict fromStep = GateVerdicts.of(record);
        GateVerdict fromRecord = ReportFolder.read(dir).getGates().get(0);

        assertThat(fromRecord.getKey()).isEqualTo(fromStep.getKey());
        assertThat(fromStep.getTitle()).isEqualTo("Railway deploy");
        assertThat(fromStep.getSubject()).isEqualTo("api \u00b7 production");
        assertThat(figures(fromStep)).containsEntry("deployment", "d-prod-9").containsEntry("status", "SUCCESS")
                .containsEntry("duration", "1m35s").containsEntry("replaces", "d-prod-8");
        assertThat(fromStep.getLinks()).extracting(Figure::getLabel).containsExactly("deployment");
    }

    @Test
    void aComposeRebuildThatRolledBackReadsTheSameFromTheStepAndFromItsRecord() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("step", "dockerRebuild");
        result.put("compose", "docker compose v2.29.1");
        result.put("project", "shop");
        result.put("verdict", "failed");
        result.put("reason", "web restarted 3 times within 30s");
        result.put("services", List.of(service("web", "sha256:1b2c3d4e5f6a"), service("worker", "sha256:9f8e7d6c5b4a")));
        result.put("rolledBack", true);
        result.put("rollback", Map.of("verdict", "passed", "images", List.of(Map.of("service", "web", "imageId", "0a1b2c3d4e5f"))));
        Json.write(dir.resolve("production/dockerRebuild.json"), result);

        GateVerdict fromStep = GateVerdicts.ofCompose(result);
        GateVerdict fromRecord = ReportFolder.read(dir).getGates().get(0);

        assertThat(fromRecord.getKey()).isEqualTo(fromStep.getKey());
        assertThat(fromStep.getTitle()).isEqualTo("Compose rebuild");
        assertThat(fromStep.getVerdict()).isEqualTo("FAILED");
        assertThat(fromStep.getTone()).isEqualTo(Tone.FAIL);
        assertThat(figures(fromStep)).containsEntry("services", "web sha256:1b2c3d4e5f6a, worker sha256:9f8e7d6c5b4a")
                .containsEntry("rolled back", "yes, passed");
        assertThat(fromStep.getDetail()).isEqualTo("web restarted 3 times within 30s");
    }

    @Test
    void twoGateRunsOfTheSameKindHaveDifferentKeys() {
        DeploymentRecord first = new DeploymentRecord("railway-up", Instant.parse("2026-11-27T10:00:00Z"));
        first.deploymentId = "d-1";
        DeploymentRecord second = new DeploymentRecord("railway-up", Instant.parse("2026-11-27T10:05:00Z"));
        second.deploymentId = "d-2";

        assertThat(GateVerdicts.of(first).getKey()).isNotEqualTo(GateVerdicts.of(second).getKey());
    }

    private static Map<String, Object> service(String name, String imageId) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("service", name);
        s.put("container", "shop-" + name + "-1");
        s.put("state", "running");
        s.put("imageId", imageId);
        return s;
    }

    static Map<String, String> figures(GateVerdict verdict) {
        Map<String, String> out = new LinkedHashMap<>();
        verdict.getFigures().forEach(f -> out.put(f.getLabel(), f.getValue()));
        return out;
    }
}
