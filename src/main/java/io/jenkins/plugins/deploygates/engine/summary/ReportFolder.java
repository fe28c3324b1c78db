package io.jenkins.plugins.deploygates.engine.summary;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.TokenFilter;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a report folder (sub-folders included, as {@code deployGatesReport} renders it) into a {@link BuildSummary}.
 * A health gate's samples are skipped while its file is parsed, so a gate with a million samples costs no more
 * than one with ten; a file that is not JSON or not a record is passed over, never an error.
 */
public final class ReportFolder {
    public static final String PROMOTION_FILE = "promotion-record.json";
    private static final int MAX_DEPTH = 8;
    /** A folder with more JSON files than this is not a report folder; the first ones are read. */
    private static final int MAX_FILES = 2_000;
    private static final long MAX_BYTES = 256L * 1024 * 1024;

    private final List<GateVerdict> gates = new ArrayList<>();
    private int gatesLeftOut;
    private Promotion promotion;
    private int promotionDepth = Integer.MAX_VALUE;
    private NightlyCheck nightly;

    private ReportFolder() {}

    /** The folder's summary; a folder that does not exist summarizes to nothing. */
    public static BuildSummary read(Path dir) throws IOException {
        ReportFolder folder = new ReportFolder();
        if (Files.isDirectory(dir)) {
            for (Path file : jsonFiles(dir)) {
                folder.add(dir.relativize(file), parse(file));
            }
        }
        return BuildSummary.of(folder.gates, folder.gatesLeftOut, folder.promotion, folder.nightly);
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
            return walk.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    // a link is never followed: a record planted as a link could point anywhere on the agent
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().limit(MAX_FILES)
                    .collect(Collectors.toList());
        }
    }

    private void add(Path relative, JsonNode record) {
        if (record == null || !record.isObject()) {
            return;
        }
        String name = relative.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.equals(PROMOTION_FILE) || record.has("environments") && record.has("outcome")) {
            // deployPipeline writes one at the top; a copy deeper down (an older run's) must not win
            if (relative.getNameCount() < promotionDepth) {
                promotion = Promotion.of(record);
                promotionDepth = relative.getNameCount();
            }
        } else if (NightlyCheck.isNightlyCheck(name, record)) {
            nightly = nightly == null ? NightlyCheck.of(record) : nightly;
        } else {
            GateVerdict gate = gateOf(name, record);
            if (gate != null && gates.size() < BuildSummary.MAX_GATES) {
                Path folder = relative.getParent();
                gates.add(gate.at(folder == null ? null : folder.toString().replace('\\', '/')));
            } else if (gate != null) {
                gatesLeftOut++;
            }
        }
    }

    /** The gate a record is, by the name the step gives its file or, for a renamed file, by its own fields. */
    static GateVerdict gateOf(String name, JsonNode record) {
        if (name.startsWith("health-gate") || "healthGate".equals(RecordValues.text(record, "kind"))) {
            return record.has("verdict") ? GateVerdicts.health(record) : null;
        }
        if (record.has("services") && startsWith(name, RecordValues.text(record, "step"), "docker")) {
            return GateVerdicts.compose(record);
        }
        if (record.has("deploymentId") && startsWith(name, RecordValues.text(record, "operation"), "railway")) {
            return GateVerdicts.railway(record);
        }
        if (record.has("checks") && (name.startsWith("smoke") || record.has("baseUrl"))) {
            return GateVerdicts.smoke(record);
        }
        return null;
    }

    private static boolean startsWith(String name, String field, String prefix) {
        return name.startsWith(prefix) || field != null && field.toLowerCase(Locale.ROOT).startsWith(prefix);
    }

    /** The record without any {@code samples} list; null when the file is not JSON or too large to be a record. */
    private static JsonNode parse(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                return null;
            }
            try (JsonParser parser = new FilteringParserDelegate(Json.MAPPER.getFactory().createParser(file.toFile()),
                    WithoutSampleLists.FILTER, TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH, true)) {
                return Json.MAPPER.readTree(parser);
            }
        } catch (IOException notARecord) {
            return null; // half-written or foreign JSON: the page's footer lists it, the summary passes it over
        }
    }

    /** Drops every array under a {@code samples} key (a health gate's probes); counts kept under that key stay. */
    private static final class WithoutSampleLists extends TokenFilter {
        static final TokenFilter FILTER = new WithoutSampleLists(false);
        private static final TokenFilter SAMPLES = new WithoutSampleLists(true);
        private final boolean underSamples;

        private WithoutSampleLists(boolean underSamples) {
            this.underSamples = underSamples;
        }

        @Override
        public TokenFilter includeProperty(String name) {
            return name.equals("samples") ? SAMPLES : FILTER;
        }

        @Override
        public TokenFilter filterStartArray() {
            return underSamples ? null : FILTER;
        }

        @Override
        public TokenFilter filterStartObject() {
            return underSamples ? TokenFilter.INCLUDE_ALL : FILTER;
        }

        @Override
        public TokenFilter includeElement(int index) {
            return FILTER;
        }
    }
}
