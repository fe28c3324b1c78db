package io.jenkins.plugins.deploygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/deploy-gates}, the launcher the README uses everywhere, run as a user runs it: on the packaged
 * {@code target/deploy-gates-cli.jar} (so after {@code package}: failsafe's integration-test phase).
 */
class LauncherITest {
    /** Where the launcher looks for the jar by default; failsafe names the one the build packaged. */
    private static final Path JAR = Path.of(System.getProperty("deploygates.cliJar", "target/deploy-gates-cli.jar"));
    private static final List<String> LAUNCHER = List.of(Path.of("bin", "deploy-gates").toAbsolutePath().toString());

    @TempDir
    Path dir;

    @BeforeAll
    static void theJarIsBuilt() {
        assertThat(JAR).as("the CLI jar; ./mvnw -B -q package -DskipTests builds it").isRegularFile();
        assertThat(JAR.toAbsolutePath().normalize())
                .isEqualTo(Path.of("target", "deploy-gates-cli.jar").toAbsolutePath().normalize());
    }

    @Test
    void itRunsTheJarWithItsArgumentsAndExitCodes() throws Exception {
        try (ChildCli version = ChildCli.start(dir, Map.of(), LAUNCHER, "--version");
                ChildCli usage = ChildCli.start(dir, Map.of(), LAUNCHER, "health-gate", "--interval", "5s")) {
            assertThat(version.exitCode()).isZero();
            assertThat(version.out().strip()).isEqualTo("deploy-gates 0.1.0");
            assertThat(usage.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(usage.err().strip()).isEqualTo("health-gate: Missing required option: '--url=URL' (see"
                    + " 'deploy-gates health-gate --help')");
        }
    }

    @Test
    void aMissingJarIsOneSentenceAndExitTwo() throws Exception {
        Path missing = dir.resolve("nowhere.jar");
        try (ChildCli child = ChildCli.start(dir, Map.of("DEPLOY_GATES_JAR", missing.toString()), LAUNCHER, "demo")) {
            assertThat(child.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(child.err().strip()).isEqualTo("deploy-gates: " + missing + " does not exist: build it with"
                    + " ./mvnw -B -q package -DskipTests, or set DEPLOY_GATES_JAR.");
        }
    }

    /** The script execs Java: the signal reaches the command itself, which stops cleanly, not the shell around it. */
    @Test
    void aSignalToTheLauncherStopsTheCommandCleanly() throws Exception {
        Path reports = dir.resolve("reports");
        try (ChildCli demo = ChildCli.start(dir, Map.of(), LAUNCHER, "demo", "--healthy-after", "10m", "--report-dir",
                reports.toString())) {
            demo.awaitOutput("[healthGate] await http://");
            demo.signal("SIGTERM");

            assertThat(demo.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(demo.err()).startsWith("demo: stopped by SIGTERM during the health gate; record: ");
            assertThat(Files.exists(reports.resolve("health-gate.json"))).isTrue();
        }
    }
}
