package io.jenkins.plugins.deploygates.engine.railway.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 96 MiB, half of it incompressible, through the parallel gzip stream in a child JVM with a 12 MB G1 heap: what the
 * stream holds does not grow with what it compresses (its blocks live off the heap, a fixed number of them).
 */
class ParallelGzipHeapTest {
    @Test
    void ninetySixMebibytesCompressOnEveryCoreInATwelveMegabyteHeap() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx12m", "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"),
                HeapBoundedGzip.class.getName(), "96").redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("GCLocker").contains("compressed=");
    }
}
