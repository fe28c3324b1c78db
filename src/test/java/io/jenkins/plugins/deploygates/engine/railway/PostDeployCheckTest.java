package io.jenkins.plugins.deploygates.engine.railway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord.Verdict;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** healthCheck (the healthGate engine) and expectVersion after SUCCESS, against a loopback "deployed app". */
class PostDeployCheckTest {
    @TempDir
    Path dir;

    private FakeRailway fake;
    private HttpServer app;
    private final VirtualTime time = new VirtualTime();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger versionCalls = new AtomicInteger();
    private volatile int healthStatus = 200;
    private volatile int oldVersionAnswers = 2;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeRailway();
        Files.writeString(dir.resolve("index.js"), "x");
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/health", x -> answer(x, healthStatus, "{\"status\":\"ok\"}"));
        app.createContext("/version", x -> answer(x, 200, versionCalls.incrementAndGet() > oldVersionAnswers
                ? "{\"commit\":\"abc1234\"}" : "{\"commit\":\"0ld0000\"}"));
        app.start();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange x, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    @AfterEach
    void stop() throws Exception {
        app.stop(0);
        fake.close();
    }

    private String appUrl(String path) {
        return "http://127.0.0.1:" + app.getAddress().getPort() + path;
    }

    /** The health gate runs on real time, so its checks poll every 50ms; the version probe uses the virtual clock. */
    private DeploymentRecord up(PostDeployChecks checks) throws Exception {
        return up(checks, Duration.ofMillis(50));
    }

    private DeploymentRecord up(PostDeployChecks checks, Duration pollInterval) throws Exception {
        RailwayConnection railway = new RailwayConnection(RailwayEndpoints.of(fake.url()),
                new RailwayToken(RailwayToken.Kind.PROJECT, FakeRailway.PROJECT_TOKEN), RailwayEndpoints.httpClient(),
                time, log::add, Redactor.byShape());
        FollowOptions follow = new FollowOptions(Duration.ofMinutes(2), pollInterval, Duration.ZERO, false,
                false);
        return new RailwayUp(railway).run(new RailwayUpConfig(dir, null, null, "api", null, List.of(), follow, false,
                checks));
    }

    @Test
    void healthCheckAfterSuccessPasses() throws Exception {
        DeploymentRecord record = up(new PostDeployChecks(appUrl("/health"), Duration.ofSeconds(2), null, null));
        assertThat(record.verdict).isEqualTo(Verdict.PASSED);
        assertThat(record.reason).contains("Health check " + appUrl("/health") + " passed");
        assertThat(String.join("\n", log)).contains("[healthGate]");
    }

    @Test
    void failingHealthCheckTurnsAGreenDeployRed() throws Exception {
        healthStatus = 503;
        DeploymentRecord record = up(new PostDeployChecks(appUrl("/health"), Duration.ofMillis(300), null, null));
        assertThat(record.verdict).isEqualTo(Verdict.FAILED);
        assertThat(record.status).isEqualTo("SUCCESS");
        assertThat(record.reason).contains("is SUCCESS but its health check failed", "HTTP 503");
    }

    @Test
    void expectVersionWaitsUntilTheNewCodeAnswers() throws Exception {
        DeploymentRecord record = up(new PostDeployChecks(null, null, "abc1234", appUrl("/version")));
        assertThat(record.verdict).isEqualTo(Verdict.PASSED);
        assertThat(versionCalls.get()).isEqualTo(3);
        assertThat(record.reason).contains("reports abc1234");
    }

    @Test
    void oldCodeStillServingFailsAtTheDeadline() throws Exception {
        oldVersionAnswers = Integer.MAX_VALUE;
        DeploymentRecord record = up(new PostDeployChecks(null, null, "abc1234", appUrl("/version")),
                Duration.ofSeconds(5));
        assertThat(record.verdict).isEqualTo(Verdict.FAILED);
        assertThat(record.reason).contains("did not report 'abc1234'", "0ld0000", "old code may still be serving");
        assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void pathsAreTakenOnTheDeploymentDomain() {
        assertThat(VersionProbe.resolve("/health", "api-production.up.railway.app").toString())
                .isEqualTo("https://api-production.up.railway.app/health");
        assertThat(VersionProbe.resolve(null, "http://10.0.0.1:8080").toString()).isEqualTo("http://10.0.0.1:8080/version");
        assertThat(VersionProbe.resolve("/health", "")).isNull();
    }
}
