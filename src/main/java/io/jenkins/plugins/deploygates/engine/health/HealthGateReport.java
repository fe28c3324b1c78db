package io.jenkins.plugins.deploygates.engine.health;

import io.jenkins.plugins.deploygates.engine.common.JUnitReport;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The files a gate leaves behind: {@code health-gate.json} (the verdict and every sample) and
 * {@code health-gate-junit.xml} (one test case per target, for Jenkins' {@code junit} step and its trend).
 */
public final class HealthGateReport {
    public static final String JSON_FILE = "health-gate.json";
    public static final String JUNIT_FILE = "health-gate-junit.xml";

    private HealthGateReport() {}

    /** Writes both files into {@code dir} and returns their paths. */
    public static List<Path> write(Path dir, HealthGateConfig config, Verdict verdict) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : render(config, verdict).entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(dir);
            Files.write(path, file.getValue());
            written.add(path);
        }
        return written;
    }

    /** Both files' names and contents, for writing somewhere else (a Jenkins workspace on an agent). */
    public static Map<String, byte[]> render(HealthGateConfig config, Verdict verdict) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(JSON_FILE, Json.MAPPER.writeValueAsBytes(record(config, verdict)));
        files.put(JUNIT_FILE, junit(verdict).toXml().getBytes(StandardCharsets.UTF_8));
        return files;
    }

    static Map<String, Object> record(HealthGateConfig config, Verdict verdict) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("kind", "healthGate");
        record.put("plan", config.describe());
        record.put("targets", verdict.getSamples().stream().map(Sample::getTarget).distinct()
                .collect(Collectors.toList()));
        record.put("verdict", verdict);
        return record;
    }

    static JUnitReport junit(Verdict verdict) {
        JUnitReport report = new JUnitReport("healthGate");
        for (String target : verdict.getSamples().stream().map(Sample::getTarget).distinct().collect(Collectors.toList())) {
            List<Sample> own = verdict.getSamples().stream().filter(s -> s.getTarget().equals(target))
                    .collect(Collectors.toList());
            String output = own.stream().map(Sample::describe).collect(Collectors.joining("\n"));
            long millis = own.stream().mapToLong(Sample::getLatencyMs).sum();
            Sample lastOwn = own.get(own.size() - 1);
            boolean blamed = !verdict.isHealthy() && (!lastOwn.isSuccess() || isLastFailure(verdict, target));
            if (blamed) {
                report.failed("healthGate", target, millis, verdict.getReason(), output);
            } else {
                report.passed("healthGate", target, millis, output);
            }
        }
        return report;
    }

    private static boolean isLastFailure(Verdict verdict, String target) {
        Sample last = verdict.getLastFailure();
        return last != null && last.getTarget().equals(target);
    }
}
