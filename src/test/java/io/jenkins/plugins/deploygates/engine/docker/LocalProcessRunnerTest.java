package io.jenkins.plugins.deploygates.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
        List<String> lines = new CopyOnWriteArrayList<>(); // stdout and stderr are read on two threads

        ProcessResult result = runner.run(List.of("tool"), dir, Map.of("PATH", dir + ":/usr/bin:/bin",
                "GREETING", "hello"), Duration.ofSeconds(10), lines::add);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\nhello\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.errorLine()).isEqualTo("err");
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

    @Test
    void anAbortKillsTheProcessAndItsChildren() throws Exception {
        script("build", "echo building; sleep 300 & echo $! > " + dir.resolve("child.pid") + "; wait");
        Thread step = new Thread(() -> {
            try {
                runner.run(List.of("build"), dir, Map.of("PATH", dir + ":/usr/bin:/bin"), Duration.ofMinutes(5), line -> { });
            } catch (InterruptedException expected) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        step.start();
        Path pidFile = dir.resolve("child.pid");
        for (int i = 0; i < 500 && (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()); i++) {
            Thread.sleep(10);
        }
        long child = Long.parseLong(Files.readString(pidFile).trim());

        step.interrupt(); // what aborting the build does to the step's thread
        step.join(10_000);

        assertThat(step.isAlive()).isFalse();
        assertThat(running(child)).as("sleep 300 left running").isFalse();
    }

    /** Killed and not yet reaped is not running: in a container nobody may reap the orphan, so it stays a zombie. */
    private static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        for (int i = 0; i < 200; i++) {
            if (!Files.exists(stat)) {
                return false;
            }
            String text = Files.readString(stat);
            char state = text.charAt(text.lastIndexOf(')') + 2);
            if (state == 'Z' || state == 'X') {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
