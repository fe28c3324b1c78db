package io.jenkins.plugins.deploygates.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The records found in a report directory and its sub-folders, sorted into the report's sections. A record is
 * known by its file name first (how the steps name them) and by its shape second, so a renamed file still
 * shows; a file that is not JSON or not a known record is listed as skipped, never an error.
 */
final class ReportInputs {
    static final String PROMOTION_FILE = "promotion-record.json";
    private static final int MAX_DEPTH = 8;
    private static final long MAX_BYTES = 256L * 1024 * 1024;

    final List<Source> promotions = new ArrayList<>();
    final List<Source> healthGates = new ArrayList<>();
    final List<Source> docker = new ArrayList<>();
    final List<Source> smoke = new ArrayList<>();
    final List<Source> railway = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();

    /** @throws ConfigurationException when the directory does not exist */
    static ReportInputs scan(Path dir) throws IOException {
        ConfigurationException.require(Files.isDirectory(dir),
                "dir '" + dir + "' is not a directory: point it at the folder the steps wrote their reports into.");
        ReportInputs inputs = new ReportInputs();
        for (Path file : jsonFiles(dir)) {
            inputs.add(dir.relativize(file).toString().replace('\\', '/'), file);
        }
        return inputs;
    }

    boolean isEmpty() {
        return promotions.isEmpty() && healthGates.isEmpty() && docker.isEmpty() && smoke.isEmpty()
                && railway.isEmpty();
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .sorted().collect(Collectors.toList());
        }
    }

    private void add(String path, Path file) {
        JsonNode json = read(file);
        if (json == null || !json.isObject()) {
            skipped.add(path);
            return;
        }
        List<Source> section = sectionOf(file.getFileName().toString().toLowerCase(Locale.ROOT), json);
        if (section == null) {
            skipped.add(path);
        } else {
            section.add(new Source(path, json));
        }
    }

    private static JsonNode read(Path file) {
        try {
            return Files.size(file) > MAX_BYTES ? null : Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            // Half-written or foreign JSON: the report shows the rest and lists this file as skipped.
            return null;
        }
    }

    private List<Source> sectionOf(String name, JsonNode json) {
        if (name.equals(PROMOTION_FILE) || json.has("environments") && json.has("outcome")) {
            return promotions;
        }
        if (name.startsWith("health-gate") || "healthGate".equals(Fields.text(json, "kind"))) {
            return HealthSeries.samplesOf(json).isEmpty() && Fields.object(json, "verdict") == null ? null : healthGates;
        }
        if (name.startsWith("docker") || startsWith(Fields.text(json, "step"), "docker")) {
            return json.has("services") ? docker : null;
        }
        if (name.startsWith("smoke") || json.has("checks")) {
            return json.has("checks") ? smoke : null;
        }
        if (name.startsWith("railway") || startsWith(Fields.text(json, "operation"), "railway")) {
            return json.has("deploymentId") || json.has("statuses") ? railway : null;
        }
        return null;
    }

    private static boolean startsWith(String value, String prefix) {
        return value != null && value.toLowerCase(Locale.ROOT).startsWith(prefix);
    }
}
