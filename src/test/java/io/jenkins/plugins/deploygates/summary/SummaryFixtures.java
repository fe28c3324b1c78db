package io.jenkins.plugins.deploygates.summary;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord;
import io.jenkins.plugins.deploygates.engine.smoke.CheckResult;
import io.jenkins.plugins.deploygates.engine.smoke.CheckResult.Outcome;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeReports;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Jenkins tests of the summary deploy against and leave in a report folder: a loopback service with a
 * healthy and a broken endpoint, and the records the other steps and the shared library write, as they write them.
 */
final class SummaryFixtures {
    static final String COMMIT_PROMOTED = "1111111111aa22222222bb33333333cc44444444";
    static final String COMMIT_ROLLED_BACK = "4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f";
    /** A token a server quoted back in a reason: it must never reach the build page or build.xml. */
    static final String LEAKED_TOKEN = "tok-5ecr3t-77aa91";

    private SummaryFixtures() {}

    /** {@code /health} answers 200 with a JSON body, {@code /broken} 503. */
    static HttpServer service() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> answer(exchange, 200, "{\"status\":\"ok\"}"));
        server.createContext("/broken", exchange -> answer(exchange, 503, "{\"status\":\"starting\"}"));
        server.start();
        return server;
    }

    /**
     * A Pipeline that runs healthGate on the service's {@code /health} (its record in {@code reports/<gateFolder>}),
     * then renders the {@code reports} folder and archives the page and its stylesheet.
     */
    static String gateThenReport(HttpServer server, String gateFolder, String gateOptions) {
        return "node {\n"
                + "  healthGate url: '" + url(server, "/health") + "', timeout: '2m', " + gateOptions
                + ", reportDir: 'reports/" + gateFolder + "'\n"
                + "  archiveArtifacts(artifacts: deployGatesReport(dir: 'reports'))\n"
                + "}\n";
    }

    static String url(HttpServer server, String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** deployPipeline's record of a run: the fixture's approvals, refusals and rollback, with this commit and outcome. */
    static void promotion(Path folder, String commit, String outcome) throws IOException {
        try (InputStream in = SummaryFixtures.class.getResourceAsStream(
                "/io/jenkins/plugins/deploygates/engine/summary/promotion-record.json")) {
            ObjectNode record = (ObjectNode) Json.MAPPER.readTree(in);
            record.put("commit", commit).put("outcome", outcome);
            if (!outcome.equals("rolled back")) {
                record.remove("rollbacks");
                record.put("startedAt", "2026-11-24T08:40:00Z").put("finishedAt", "2026-11-25T09:12:40Z");
            }
            Json.write(folder.resolve("promotion-record.json"), record);
        }
    }

    static void nightlyCheck(Path folder) throws IOException {
        try (InputStream in = SummaryFixtures.class.getResourceAsStream(
                "/io/jenkins/plugins/deploygates/engine/summary/nightly-check.json")) {
            Files.createDirectories(folder);
            Files.copy(in, folder.resolve("nightly-check.json"));
        }
    }

    /** A smoke run with one failed check, as smokeAuthFlow writes it. */
    static void smoke(Path folder) throws IOException {
        SmokeReports.of("magic-link", "https://staging.example.com", "smoke+run7@example.com", List.of(
                new CheckResult("link requested", Outcome.PASSED, "POST /api/auth/send-magic-link", 200, 41, null, "202"),
                new CheckResult("email received", Outcome.PASSED, null, null, 1800, null, null),
                new CheckResult("invalid token rejected", Outcome.FAILED, "GET /api/auth/verify", 500, 12,
                        "expected 4xx, got 500", "500"))).writeTo(folder);
    }

    /** A failed Railway deploy whose reason quotes a token, as railwayUp writes it. */
    static void railway(Path folder) throws IOException {
        DeploymentRecord record = new DeploymentRecord("railway-up", Instant.parse("2026-11-27T10:10:00Z"));
        record.serviceName = "api";
        record.environmentName = "production";
        record.deploymentId = "d-prod-9";
        record.replacedDeploymentId = "d-prod-8";
        record.status = "CRASHED";
        record.verdict = DeploymentRecord.Verdict.FAILED;
        record.durationMs = 95_000L;
        record.reason = "deployment d-prod-9 CRASHED; logs said: GET /config?token=" + LEAKED_TOKEN + " 401";
        record.url = "https://railway.com/project/p1/service/s1?id=d-prod-9";
        Json.write(folder.resolve("railway-up-api.json"), record);
    }

    /** A compose rebuild that passed, as dockerRebuild writes it. */
    static void compose(Path folder) throws IOException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("step", "dockerRebuild");
        record.put("project", "shop");
        record.put("verdict", "passed");
        record.put("services", List.of(Map.of("service", "web", "container", "shop-web-1", "state", "running",
                "imageId", "sha256:1b2c3d4e5f6a")));
        record.put("rolledBack", false);
        Json.write(folder.resolve("dockerRebuild.json"), record);
    }
}
