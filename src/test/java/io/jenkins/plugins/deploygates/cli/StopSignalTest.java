package io.jenkins.plugins.deploygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.deploygates.demo.DemoAuthService;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.docker.FakeDocker;
import io.jenkins.plugins.deploygates.engine.railway.FakeRailway;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every long-running command in a JVM of its own, stopped mid-work by Ctrl-C (SIGINT) and by a CI runner cancelling
 * the job (SIGTERM): exit code 1 (never 130 or 143), one sentence on stderr saying where it stopped and where its
 * record is, and the record written. Left to the JVM's own handling of these signals, the process ended with
 * 128 + the signal, often before its message was printed.
 */
class StopSignalTest {
    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = SmokeFixture.greenMail();

    @TempDir
    Path dir;

    /** Exit 1 and one sentence naming the command and the signal; returns that sentence. */
    private static String assertStopped(ChildCli child, String command, String signal) throws Exception {
        int code = child.exitCode();
        String err = child.err();
        assertThat(code).as("exit code; stderr: " + err + "\nstdout:\n" + child.out()).isEqualTo(ExitCode.FAILED);
        assertThat(err.strip().lines()).as(err).hasSize(1);
        assertThat(err).startsWith(command + ": stopped by " + signal + " ").doesNotContain("\tat ", "Exception");
        return err.strip();
    }

    private Path reports() {
        return dir.resolve("reports");
    }

    private JsonNode record(String name) throws IOException {
        return Json.MAPPER.readTree(reports().resolve(name).toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIGINT", "SIGTERM"})
    void healthGate(String signal) throws Exception {
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/health", x -> {
            x.sendResponseHeaders(503, -1);
            x.close();
        });
        target.start();
        try (ChildCli child = ChildCli.start(dir, Map.of(), "health-gate", "--url", "http://127.0.0.1:"
                + target.getAddress().getPort() + "/health", "--interval", "100ms", "--timeout", "10m",
                "--report-dir", reports().toString())) {
            child.awaitOutput("[healthGate] await http://");
            child.signal(signal);

            String err = assertStopped(child, "health-gate", signal);
            assertThat(err).contains("before the target was healthy, after ")
                    .endsWith("; record: " + reports().resolve("health-gate.json") + ", "
                            + reports().resolve("health-gate-junit.xml") + ".");
            assertThat(child.out()).contains("[healthGate] FAIL: stopped after");
            JsonNode verdict = record("health-gate.json").path("verdict");
            assertThat(verdict.path("verdict").asText()).isEqualTo("FAIL");
            assertThat(verdict.path("reason").asText()).contains("(" + signal + ")");
            assertThat(verdict.path("samples").size()).isPositive();
        } finally {
            target.stop(0);
        }
    }

    private ChildCli railwayUp(FakeRailway fake, Map<String, String> environment) throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/server.js"), "listen()");
        fake.next(FakeRailway.script().statuses("BUILDING"));
        ChildCli child = ChildCli.start(dir, environment, "railway-up", "--service", "api", "--environment",
                "production", "--path", dir.resolve("app").toString(), "--path-as-root", "--api-url", fake.url(),
                "--poll-interval", "50ms", "--report-dir", reports().toString());
        child.await("the early record names the deployment", () -> {
            try {
                return record("railway-deployment.json").hasNonNull("deploymentId");
            } catch (IOException notYetWhole) {
                return false;
            }
        });
        return child;
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIGINT", "SIGTERM"})
    void railwayUp(String signal) throws Exception {
        try (FakeRailway fake = new FakeRailway();
                ChildCli child = railwayUp(fake, Map.of("RAILWAY_TOKEN", FakeRailway.PROJECT_TOKEN))) {
            child.signal(signal);

            String err = assertStopped(child, "railway-up", signal);
            assertThat(err).isEqualTo("railway-up: stopped by " + signal + " after the upload: Stopped while"
                    + " deployment dep-1 was BUILDING: it was cancelled in Railway, so the service keeps serving its"
                    + " previous deployment; record: " + reports().resolve("railway-deployment.json") + ".");
            JsonNode record = record("railway-deployment.json");
            assertThat(record.path("verdict").asText()).isEqualTo("INTERRUPTED");
            assertThat(fake.calls("DeploymentCancel")).hasSize(1);
            assertThat(child.out() + err).doesNotContain(FakeRailway.PROJECT_TOKEN);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIGINT", "SIGTERM"})
    void railwayRollback(String signal) throws Exception {
        try (FakeRailway fake = new FakeRailway()) {
            fake.existing("dep-a", "REMOVED", true).existing("dep-b", "CRASHED", false);
            fake.next(FakeRailway.script().statuses("INITIALIZING", "DEPLOYING"));
            try (ChildCli child = ChildCli.start(dir, Map.of("RAILWAY_TOKEN", FakeRailway.PROJECT_TOKEN),
                    "railway-rollback", "--service", "api", "--environment", "production", "--api-url", fake.url(),
                    "--poll-interval", "50ms", "--report-dir", reports().toString())) {
                child.awaitOutput("[railway] Rollback deployment is ");
                child.signal(signal);

                String err = assertStopped(child, "railway-rollback", signal);
                assertThat(err).contains(" during the rollback: Stopped waiting for the rollback to dep-a")
                        .endsWith("; record: " + reports().resolve("railway-rollback.json") + ".");
                assertThat(record("railway-rollback.json").path("verdict").asText()).isEqualTo("INTERRUPTED");
                assertThat(fake.calls("DeploymentCancel")).as("a rollback is never cancelled").isEmpty();
            }
        }
    }

    /** Live processes started from the fake docker's folder (killed and reaped ones are gone). */
    private static List<ProcessHandle> dockerProcesses(FakeDocker docker) throws InterruptedException {
        String bin = docker.bin.toString();
        List<ProcessHandle> left = List.of();
        for (int i = 0; i < 100; i++) {
            left = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(bin)).orElse(false)).toList();
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        }
        return left;
    }

    private static void awaitCall(ChildCli child, FakeDocker docker, String call) throws Exception {
        child.await("docker was asked to " + call, () -> {
            try {
                return docker.calls().stream().anyMatch(c -> c.contains(call));
            } catch (IOException e) {
                return false;
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIGINT", "SIGTERM"})
    void dockerRebuild(String signal) throws Exception {
        FakeDocker docker = new FakeDocker(dir.resolve("docker")).mode("hang-build");
        try (ChildCli child = ChildCli.start(dir, docker.env(), "docker-rebuild", "--workdir",
                docker.project.toString(), "-p", "shop", "--command-timeout", "5m")) {
            awaitCall(child, docker, " build");
            child.signal(signal);

            Path record = docker.project.resolve("deploy-gates-reports/dockerRebuild.json");
            assertThat(assertStopped(child, "docker-rebuild", signal)).isEqualTo("docker-rebuild: stopped by " + signal
                    + " during the rebuild: 'docker compose build' was killed; the running containers were not touched;"
                    + " record: " + record + ".");
            assertThat(dockerProcesses(docker)).as("docker processes left running").isEmpty();
            assertThat(Json.MAPPER.readTree(record.toFile()).path("verdict").asText()).isEqualTo("interrupted");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIGINT", "SIGTERM"})
    void dockerRollback(String signal) throws Exception {
        FakeDocker docker = new FakeDocker(dir.resolve("docker"));
        String[] project = {"--workdir", docker.project.toString(), "-p", "shop", "--stable-for", "0s",
            "--poll-interval", "50ms"};
        CliEnvironment.use(docker.env());
        try {
            for (int i = 0; i < 2; i++) { // the second rebuild keeps the first one's images for the rollback
                CliRun rebuilt = CliRun.of(concat(new String[] {"docker-rebuild"}, project));
                assertThat(rebuilt.exitCode).as(rebuilt.err).isZero();
            }
        } finally {
            CliEnvironment.reset();
        }
        docker.mode("hang-up");
        try (ChildCli child = ChildCli.start(dir, docker.env(), concat(new String[] {"docker-rollback",
            "--command-timeout", "5m"}, project))) {
            awaitCall(child, docker, "up -d --force-recreate --no-build");
            child.signal(signal);

            Path record = docker.project.resolve("deploy-gates-reports/dockerRollback.json");
            assertThat(assertStopped(child, "docker-rollback", signal)).endsWith(" during the rollback: the rollback"
                    + " was under way; run docker-rollback again to finish it; record: " + record + ".");
            assertThat(dockerProcesses(docker)).as("docker processes left running").isEmpty();
            assertThat(Json.MAPPER.readTree(record.toFile()).path("verdict").asText()).isEqualTo("interrupted");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Stopped while it waits for the magic-link email (mailed to an address whose mailbox it does not read). */
    @ParameterizedTest
    @ValueSource(strings = {"SIGINT", "SIGTERM"})
    void smokeAuth(String signal) throws Exception {
        SmokeFixture.addMailboxUser(GREEN_MAIL);
        try (DemoAuthService service = SmokeFixture.service(GREEN_MAIL, Clock.systemUTC(), Duration.ofSeconds(1));
                ChildCli child = ChildCli.start(dir, Map.of("SMOKE_MAILBOX_PASSWORD", SmokeFixture.MAILBOX_PASSWORD),
                        "smoke-auth", "--base-url", service.baseUrl(), "--email", SmokeFixture.ADDRESS, "--plus-tag",
                        "elsewhere", "--mailbox", SmokeFixture.imapUri(GREEN_MAIL), "--mailbox-plaintext",
                        "--timeout", "10m", "--report-dir", reports().toString())) {
            child.awaitOutput("PASSED link requested"); // and now it waits for the email
            child.signal(signal);

            assertThat(assertStopped(child, "smoke-auth", signal)).startsWith("smoke-auth: stopped by " + signal
                    + " during the checks: smoke test of " + service.baseUrl() + " was stopped after ")
                    .endsWith("; record: " + reports().resolve("smoke-auth.json") + ", "
                            + reports().resolve("smoke-auth-junit.xml") + ".");
            JsonNode record = record("smoke-auth.json");
            assertThat(record.path("stopped").asBoolean()).isTrue();
            assertThat(record.path("checks").path("link requested").path("outcome").asText()).isEqualTo("PASSED");
            assertThat(record.path("notRun").toString()).contains("email received");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIGINT", "SIGTERM"})
    void demo(String signal) throws Exception {
        try (ChildCli child = ChildCli.start(dir, Map.of(), "demo", "--healthy-after", "10m", "--report-dir",
                reports().toString())) {
            child.awaitOutput("[healthGate] await http://");
            child.signal(signal);

            assertThat(assertStopped(child, "demo", signal)).isEqualTo("demo: stopped by " + signal + " during the"
                    + " health gate; record: " + reports().resolve("health-gate.json") + ", "
                    + reports().resolve("deploy-gates-report.html") + ".");
            assertThat(record("health-gate.json").path("verdict").path("reason").asText()).contains("stopped after");
        }
    }

    /**
     * A cleanup that hangs (Railway never answers the cancel call) is not waited for without end: a second signal
     * ends the process at once, and without one the cleanup bound does; either way exit 1 and one sentence.
     */
    @Test
    void aSecondSignalOrTheCleanupBoundEndsAHangingCleanup() throws Exception {
        try (FakeRailway fake = new FakeRailway()) {
            fake.inject("DeploymentCancel", new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE),
                    new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
            Map<String, String> env = Map.of("RAILWAY_TOKEN", FakeRailway.PROJECT_TOKEN);
            try (ChildCli twice = railwayUp(fake, env)) {
                twice.signal("SIGINT");
                twice.await("the cancel call was sent", () -> !fake.calls("DeploymentCancel").isEmpty());
                twice.signal("SIGINT");

                assertThat(twice.exitCode()).isEqualTo(ExitCode.FAILED);
                assertThat(twice.err().strip()).isEqualTo("deploy-gates: a second SIGINT ended it at once, before it"
                        + " had cleaned up; its record may be missing or incomplete.");
            }
            Files.delete(reports().resolve("railway-deployment.json"));
            try (ChildCli bounded = railwayUp(fake, Map.of("RAILWAY_TOKEN", FakeRailway.PROJECT_TOKEN,
                    StopSignals.CLEANUP_VARIABLE, "1s"))) {
                bounded.signal("SIGTERM");

                assertThat(bounded.exitCode()).isEqualTo(ExitCode.FAILED);
                assertThat(bounded.err().strip()).isEqualTo("deploy-gates: stopped by SIGTERM, but cleaning up took"
                        + " longer than 1s (DEPLOY_GATES_STOP_TIMEOUT), so it ended without finishing; its record may"
                        + " be missing or incomplete.");
            }
        }
    }
}
