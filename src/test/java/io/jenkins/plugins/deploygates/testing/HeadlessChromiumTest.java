package io.jenkins.plugins.deploygates.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * Where the browser tests find chromium, and what happens without one: skipped with one line on a developer's
 * machine, a failure in CI ({@code DEPLOY_GATES_REAL_SERVICES=required}), never a silent pass.
 */
class HeadlessChromiumTest {
    @TempDir
    Path dir;

    @Test
    void withoutChromiumTheTestIsSkippedWithOneLine() {
        Map<String, String> env = Map.of("PATH", dir.toString());

        assertThatThrownBy(() -> HeadlessChromium.binary(env)).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("chromium not found on the PATH (or $CHROMIUM)")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @Test
    void withoutChromiumInCiTheTestFails() {
        Map<String, String> env = Map.of("PATH", dir.toString(), "DEPLOY_GATES_REAL_SERVICES", "required");

        assertThatThrownBy(() -> HeadlessChromium.binary(env)).isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("to run the browser tests (DEPLOY_GATES_REAL_SERVICES=required)");
    }

    @Test
    void chromiumIsFoundOnThePathOrWhereChromiumSays() throws Exception {
        Path onPath = executable(dir.resolve("bin/chromium"));
        Path explicit = executable(dir.resolve("opt/my-chromium"));

        assertThat(HeadlessChromium.binary(Map.of("PATH", dir.resolve("bin").toString()))).isEqualTo(onPath);
        assertThat(HeadlessChromium.binary(Map.of("PATH", dir.resolve("bin").toString(), "CHROMIUM", explicit.toString())))
                .isEqualTo(explicit);
    }

    private static Path executable(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
