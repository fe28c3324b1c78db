package io.jenkins.plugins.deploygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} in its own small JVM, as the attacks were run: a record that once exhausted the heap, and a
 * folder the command may not read. Each ends with exit 0, the page made from the other records, and one stderr line
 * naming what was skipped and why.
 */
class ReportCommandProcessTest {
    private static final long CEILING_SECONDS = 180;

    @TempDir
    Path dir;
    @TempDir
    Path work;

    /** 9.2e18 ms, the largest long: the time axis once stepped past it, wrapped round and never ended. */
    @Test
    void aGateDurationOf9Point2e18MsDrawsInASmallHeap() throws Exception {
        Json.write(dir.resolve("health-gate.json"), Map.of("kind", "healthGate", "verdict", Map.of("healthy", true,
                "verdict", "PASS", "reason", "healthy", "durationMs", Long.MAX_VALUE, "samples", List.of(Map.of("target",
                        "https://api.example.com/health", "phase", "AWAIT", "atMs", 0, "latencyMs", 12, "success", true)))));

        Run run = report(List.of());

        assertThat(run.exit).as(run.err).isZero();
        Document page = Jsoup.parse(Files.readString(dir.resolve("deploy-gates-report.html")));
        assertThat(page.select("svg.chart text.tick[text-anchor=middle]")).hasSizeBetween(2, 8);
        assertThat(page.select("svg.chart circle.fail-mark")).isEmpty();
    }

    @Test
    void aFolderTheCommandMayNotReadIsNamedAndTheRestIsReported() throws Exception {
        Json.write(dir.resolve("smoke-auth.json"), Map.of("checks", List.of(Map.of("name", "login", "passed", true))));
        Path locked = dir.resolve("locked");
        Json.write(locked.resolve("health-gate.json"), Map.of("kind", "healthGate", "verdict", Map.of("healthy", true)));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            Run run = report(withoutRootsPowerToReadAnything());

            assertThat(run.exit).as(run.err).isZero();
            assertThat(run.err.trim()).isEqualTo("report: skipped locked/: a folder that could not be read (permission denied)");
            Document page = Jsoup.parse(Files.readString(dir.resolve("deploy-gates-report.html")));
            assertThat(page.select("article.smoke")).hasSize(1);
            assertThat(page.select("footer ul.skipped li")).extracting(e -> e.text())
                    .containsExactly("locked/ a folder that could not be read (permission denied)");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * Root reads any folder whatever its mode; the test runs as root in containers. The child then runs without the
     * two capabilities that let root ignore file modes (util-linux's setpriv), as an ordinary user would.
     */
    private static List<String> withoutRootsPowerToReadAnything() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        id.waitFor(30, TimeUnit.SECONDS);
        return uid.equals("0") ? List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search") : List.of();
    }

    private Run report(List<String> wrapper) throws Exception {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), DeployGatesCli.class.getName(), "report", "--dir",
                dir.toString()));
        Path out = Files.createTempFile(work, "report", ".out");
        Path err = Files.createTempFile(work, "report", ".err");
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!child.waitFor(CEILING_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("report did not finish within " + CEILING_SECONDS + " s: " + Files.readString(err));
        }
        return new Run(child.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Run(int exit, String out, String err) {}
}
