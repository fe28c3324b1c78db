package io.jenkins.plugins.deploygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file Deploy Gates writes gets the permissions of any other file the process creates (0644 under the usual
 * umask), so a CI user, a web server or a copy step can read all of them or none: the demo writes each kind the
 * command line writes (the gate's and the smoke run's records and JUnit files, the page and its stylesheet), and
 * the compose and Railway records go through the same {@link Json#write}.
 */
class WrittenFilePermissionsTest {
    @TempDir
    Path dir;

    @Test
    void everyFileTheDemoAndTheRecordWritersLeaveHasTheProcesssOrdinaryPermissions() throws Exception {
        Path reports = dir.resolve("reports");
        CliRun demo = CliRun.of("demo", "--healthy-after", "300ms", "--watch", "300ms", "--report-dir", reports.toString());
        assertThat(demo.exitCode).as(demo.err).isZero();
        Json.write(reports.resolve("dockerRebuild.json"), Map.of("step", "dockerRebuild", "services", List.of()));
        Json.write(reports.resolve("railway-deployment.json"), Map.of("operation", "railway-up", "deploymentId", "d-1"));
        Set<PosixFilePermission> ordinary = Files.getPosixFilePermissions(Files.createFile(dir.resolve("ordinary")));

        Map<String, Set<PosixFilePermission>> written;
        try (Stream<Path> files = Files.list(reports)) {
            written = files.collect(Collectors.toMap(p -> p.getFileName().toString(), WrittenFilePermissionsTest::mode,
                    (a, b) -> a, TreeMap::new));
        }

        assertThat(written).containsOnlyKeys("health-gate.json", "health-gate-junit.xml", "smoke-auth.json",
                "smoke-auth-junit.xml", "deploy-gates-report.html", "deploy-gates-report.css", "dockerRebuild.json",
                "railway-deployment.json");
        assertThat(written).allSatisfy((file, mode) -> assertThat(mode).as(file).isEqualTo(ordinary));
    }

    private static Set<PosixFilePermission> mode(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
