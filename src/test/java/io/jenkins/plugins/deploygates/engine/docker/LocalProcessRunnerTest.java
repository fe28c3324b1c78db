package io.jenkins.plugins.deploygates.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessRunnerTest {
    @TempDir
    Path dir;
    final LocalProcessRunner runner = new LocalProcessRunner();

    Path script(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void findsTheExecutableOnTheChildsPathAndCapturesBothStreams() throws Exception {
        script("tool", "echo out; echo err >&2; echo \"$GREETING\"; exit 3");
        List<String> lines = new ArrayList<>();

        ProcessResult result = runner.run(List.of("tool"), dir, Map.of("PATH", dir + ":/usr/bin:/bin",
                "GREETING", "hello"), Duration.ofSeconds(10), lines::add);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\nhello\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.firstErrorLine()).isEqualTo("err");
        assertThat(lines).containsExactlyInAnyOrder("out", "err", "hello");
    }

    @Test
    void missingExecutableNamesIt() {
        assertThatThrownBy(() -> runner.run(List.of("no-such-tool"), dir, Map.of("PATH", dir.toString()),
                Duration.ofSeconds(1), line -> { })).isInstanceOf(MissingExecutableException.class)
                .hasMessageStartingWith("no-such-tool is not on PATH");
    }

    @Test
    void processThatHangsIsKilledWithItsChildrenAtTheTimeout() throws Exception {
        script("hang", "echo started; sleep 300; echo never");
        long start = System.nanoTime();

        ProcessResult result = runner.run(List.of("hang"), dir, Map.of("PATH", dir + ":/usr/bin:/bin"),
                Duration.ofMillis(500), line -> { });

        assertThat(result.timedOut()).isTrue();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stdout()).isEqualTo("started\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
