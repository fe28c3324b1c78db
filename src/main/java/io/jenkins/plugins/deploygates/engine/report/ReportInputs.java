package io.jenkins.plugins.deploygates.engine.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * The records found in a report directory and its sub-folders, sorted into the report's sections. A record is
 * known by its file name first (how the steps name them) and by its shape second, so a renamed file still
 * shows. Every {@code .json} file ends up either read or in {@link #skipped} with the reason: a file that is not
 * JSON, not a record, too large, unreadable, or a link leading out of the folder never stops the others.
 *
 * <p>Links are followed only when they stay inside the folder (by real path), so a record planted as a link to a
 * file elsewhere on the machine is never read into a page that gets archived and shown to others.
 */
final class ReportInputs {
    static final String PROMOTION_FILE = "promotion-record.json";
    private static final int MAX_DEPTH = 8;
    /** A record this large is not something a step wrote; reading it would only cost memory. */
    static final long MAX_RECORD_BYTES = 64L * 1024 * 1024;
    /** All records of one page together: the bound on what one report may hold in memory. */
    static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;

    final List<Source> promotions = new ArrayList<>();
    final List<Source> healthGates = new ArrayList<>();
    final List<Source> docker = new ArrayList<>();
    final List<Source> smoke = new ArrayList<>();
    final List<Source> railway = new ArrayList<>();
    final List<Source> nightly = new ArrayList<>();
    final List<Skipped> skipped = new ArrayList<>();

    private final Path root;
    private long bytesRead;

    private ReportInputs(Path root) {
        this.root = root;
    }

    /** A file (or folder) of the report directory that was not read, and why, in words for the page and log. */
    record Skipped(String path, String why) {
        @Override
        public String toString() {
            return path + ": " + why;
        }
    }

    /** @throws ConfigurationException when the directory does not exist */
    static ReportInputs scan(Path dir) throws IOException {
        ConfigurationException.require(Files.isDirectory(dir),
                "dir '" + dir + "' is not a directory: point it at the folder the steps wrote their reports into.");
        ReportInputs inputs = new ReportInputs(dir.toRealPath());
        List<Path> candidates = new ArrayList<>();
        Files.walkFileTree(inputs.root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
                new Walker(inputs, candidates));
        candidates.sort(Comparator.comparing(inputs::relative));
        for (Path file : candidates) {
            inputs.consider(file);
        }
        inputs.skipped.sort(Comparator.comparing(Skipped::path));
        return inputs;
    }

    boolean isEmpty() {
        return promotions.isEmpty() && healthGates.isEmpty() && docker.isEmpty() && smoke.isEmpty() && nightly.isEmpty()
                && railway.isEmpty();
    }

    /** The {@code .json} files and what the walk could not enter; nothing is read yet. */
    private static final class Walker extends SimpleFileVisitor<Path> {
        private final ReportInputs inputs;
        private final List<Path> candidates;

        Walker(ReportInputs inputs, List<Path> candidates) {
            this.inputs = inputs;
            this.candidates = candidates;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (isJson(file)) {
                candidates.add(file);
            } else if (attrs.isDirectory()) {
                inputs.skip(file, "a folder deeper than " + MAX_DEPTH + " levels: not read");
            } else if (attrs.isSymbolicLink() && Files.isDirectory(file)) {
                inputs.skip(file, "a link to a folder: not followed");
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            inputs.skip(file, (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) ? "a folder that " : "")
                    + "could not be read (" + describe(e) + ")");
            return FileVisitResult.CONTINUE;
        }
    }

    private void consider(Path file) {
        try {
            Path readable = readablePath(file);
            if (readable != null) {
                add(file, readable);
            }
        } catch (IOException | RuntimeException e) {
            skip(file, "could not be read (" + describe(e) + ")");
        }
    }

    /** The path to read: the file itself, or a link's target when it stays inside the folder; null when skipped. */
    private Path readablePath(Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Path target = file;
        if (attrs.isSymbolicLink()) {
            if (!Files.exists(file)) {
                return skipped(file, "a link to nothing");
            }
            target = file.toRealPath();
            if (!target.startsWith(root)) {
                return skipped(file, "a link to a file outside the report folder: not followed");
            }
            attrs = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        if (!attrs.isRegularFile()) {
            return skipped(file, "not a regular file");
        }
        if (attrs.size() > MAX_RECORD_BYTES) {
            return skipped(file, "larger than " + MAX_RECORD_BYTES / (1024 * 1024) + " MiB: not a record a step wrote");
        }
        if (bytesRead + attrs.size() > MAX_TOTAL_BYTES) {
            return skipped(file, "the report already holds " + MAX_TOTAL_BYTES / (1024 * 1024) + " MiB of records");
        }
        return target;
    }

    private void add(Path file, Path readable) throws IOException {
        byte[] bytes;
        // NOFOLLOW: a file swapped for a link after it was looked at is refused, not followed.
        try (InputStream in = Files.newInputStream(readable, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes((int) MAX_RECORD_BYTES + 1);
        }
        bytesRead += bytes.length;
        if (bytes.length > MAX_RECORD_BYTES) {
            skip(file, "larger than " + MAX_RECORD_BYTES / (1024 * 1024) + " MiB: not a record a step wrote");
            return;
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            skip(file, "not valid JSON" + where(e.getLocation()));
            return;
        }
        if (json == null || !json.isObject()) {
            skip(file, json == null || json.isMissingNode() ? "empty" : "not a JSON object");
            return;
        }
        List<Source> section = sectionOf(file.getFileName().toString().toLowerCase(Locale.ROOT), json);
        if (section == null) {
            skip(file, "not a Deploy Gates record");
        } else {
            section.add(new Source(relative(file), json));
        }
    }

    /** Where the JSON broke, by line and column only: the parser's own message may quote the file's content. */
    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String describe(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "it disappeared while the report was read";
        }
        return e.getClass().getSimpleName();
    }

    private Path skipped(Path file, String why) {
        skip(file, why);
        return null;
    }

    private void skip(Path file, String why) {
        String path = relative(file);
        boolean folder = Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS);
        skipped.add(new Skipped(path.isEmpty() ? "." : folder ? path + "/" : path, why));
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static boolean isJson(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private List<Source> sectionOf(String name, JsonNode json) {
        if (name.equals("nightly-check.json") || "nightly-check".equals(Fields.text(json, "kind"))) {
            return json.has("environments") ? nightly : null;
        }
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
