package io.jenkins.plugins.deploygates.engine.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What deployGatesReport reads from a report folder for the build page, next to the page it renders. */
class ReportFolderTest {
    @TempDir
    Path dir;

    @Test
    void thePromotionRecordGivesCommitOutcomeApprovalsRefusalsRollbacksAndMigrations() throws Exception {
        copy("promotion-record.json", dir.resolve(ReportFolder.PROMOTION_FILE));

        Promotion p = ReportFolder.read(dir).getPromotion();

        assertThat(p.getCommit()).isEqualTo("4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f");
        assertThat(p.getShortCommit()).isEqualTo("4f2a9c1e8b7d");
        assertThat(p.getOutcome()).isEqualTo("rolled back");
        assertThat(p.getTone()).isEqualTo(Tone.WARN);
        assertThat(p.isPromoted()).isFalse();
        assertThat(p.getDecision()).isEqualTo("promoted by alice");
        assertThat(p.getDecisionTone()).isEqualTo(Tone.PASS);
        assertThat(p.getApprovalLine()).isEqualTo("approved by alice at 2026-11-27 10:00:00 UTC; 1 answer did not count");
        assertThat(p.getSoak()).isEqualTo("staging has soaked 24h54m of the required 24h");
        assertThat(p.getStartedAt()).isEqualTo("2026-11-26 09:00:00 UTC");
        assertThat(p.getFinishedAt()).isEqualTo("2026-11-27 10:31:05 UTC");
        assertThat(p.getMigrations()).isEqualTo("applied: npm run migrate");
        assertThat(p.getApprovals()).singleElement().satisfies(a -> {
            assertThat(a.getUser()).isEqualTo("alice");
            assertThat(a.getAt()).isEqualTo("2026-11-27 10:00:00 UTC");
            assertThat(a.getSoak()).isEqualTo("staging has soaked 24h54m of the required 24h");
            assertThat(a.getNote()).isNull();
        });
        assertThat(p.getRefusals()).singleElement().satisfies(r -> {
            assertThat(r.getUser()).isEqualTo("bob");
            assertThat(r.getNote()).startsWith("four-eyes is on");
        });
        assertThat(p.getRollbacks()).singleElement().satisfies(r -> {
            assertThat(r.getEnvironment()).isEqualTo("production");
            assertThat(r.getRestored()).isEqualTo("api: deployment d-prod-8 (SUCCESS)");
            assertThat(r.getHealthVerdict()).isEqualTo("PASS");
            assertThat(r.getHealthTone()).isEqualTo(Tone.PASS);
            assertThat(r.getHealthReason()).isEqualTo("healthy after 2s");
            assertThat(r.getReason()).startsWith("production watch gate:");
        });
    }

    @Test
    void aTimedOutOrRejectedApprovalWarnsOnTheBuildPage() throws Exception {
        Files.writeString(dir.resolve(ReportFolder.PROMOTION_FILE), "{\"outcome\":\"rejected by bob, not promoted\","
                + "\"environments\":{},\"promotion\":{\"outcome\":\"rejected by bob, not promoted\"}}");

        Promotion p = ReportFolder.read(dir).getPromotion();

        assertThat(p.getDecisionTone()).isEqualTo(Tone.WARN);
        assertThat(p.getApprovalLine()).as("nobody approved, nothing was refused").isNull();
    }

    @Test
    void aComposeRollbackNamesTheServicesItPutBack() throws Exception {
        Files.writeString(dir.resolve(ReportFolder.PROMOTION_FILE), "{\"outcome\":\"rollback failed\",\"environments\":{},"
                + "\"rollbacks\":[{\"target\":\"compose\",\"services\":[\"web\",\"worker\"],\"deployments\":"
                + "[{\"services\":[\"web\",\"worker\"],\"status\":\"ROLLED_BACK\"}],\"health\":{\"verdict\":\"FAIL\","
                + "\"reason\":\"still 503\"},\"environment\":\"production\"}]}");

        Promotion p = ReportFolder.read(dir).getPromotion();

        assertThat(p.getTone()).isEqualTo(Tone.FAIL);
        assertThat(p.getRollbacks().get(0).getRestored()).isEqualTo("compose services web, worker");
        assertThat(p.getRollbacks().get(0).getHealthTone()).isEqualTo(Tone.FAIL);
        assertThat(p.getRollbacks().get(0).getHealthReason()).isEqualTo("still 503");
    }

    @Test
    void theNightlyCheckGivesEachEnvironmentWithItsChecks() throws Exception {
        copy("nightly-check.json", dir.resolve(NightlyCheck.FILE));

        NightlyCheck nightly = ReportFolder.read(dir).getNightly();

        assertThat(nightly.getWorst()).isEqualTo("WARN");
        assertThat(nightly.getTone()).isEqualTo(Tone.WARN);
        assertThat(nightly.getEnvironments()).extracting(NightlyCheck.Environment::getName, NightlyCheck.Environment::getWorst)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("staging", "OK"),
                        org.assertj.core.groups.Tuple.tuple("production", "WARN"));
        assertThat(nightly.getEnvironments().get(1).getChecks())
                .extracting(NightlyCheck.Check::getName, NightlyCheck.Check::getStatus, NightlyCheck.Check::getText)
                .contains(org.assertj.core.groups.Tuple.tuple("tls", "WARN", "certificate expires in 12 days"));
    }

    @Test
    void theTopPromotionRecordWinsOverAnOlderCopyDeeperDown() throws Exception {
        Files.createDirectories(dir.resolve("a/old"));
        Files.writeString(dir.resolve("a/old/" + ReportFolder.PROMOTION_FILE), "{\"outcome\":\"failed\",\"environments\":{}}");
        Files.writeString(dir.resolve(ReportFolder.PROMOTION_FILE), "{\"outcome\":\"promoted\",\"environments\":{}}");

        assertThat(ReportFolder.read(dir).getPromotion().getOutcome()).isEqualTo("promoted");
    }

    @Test
    void filesThatAreNotRecordsArePassedOver() throws Exception {
        Files.writeString(dir.resolve("package.json"), "{\"name\":\"shop\"}");
        Files.writeString(dir.resolve("health-gate.json"), "{\"verdict\": {\"healthy\": tru");
        Files.writeString(dir.resolve("notes.json"), "[1, 2, 3]");

        BuildSummary summary = ReportFolder.read(dir);

        assertThat(summary.getGates()).isEmpty();
        assertThat(summary.getPromotion()).isNull();
        assertThat(summary.getNightly()).isNull();
        assertThat(ReportFolder.read(dir.resolve("missing")).getGates()).isEmpty();
    }

    @Test
    void aRecordPlantedAsALinkIsNotFollowed() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("railway-up-api.json"), "{\"operation\":\"railway-up\",\"deploymentId\":\"d-9\"}");
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Files.createSymbolicLink(reports.resolve("railway-up-api.json"), outside.resolve("railway-up-api.json"));

        assertThat(ReportFolder.read(reports).getGates()).isEmpty();
        assertThat(ReportFolder.read(outside).getGates()).hasSize(1);
    }

    /** A watch of days at a fast interval: the summary keeps the figures, never the samples. */
    @Test
    void aHealthGateWithTwoHundredThousandSamplesSummarizesToAFewHundredBytes() throws Exception {
        Path record = dir.resolve("production/watch/health-gate.json");
        Files.createDirectories(record.getParent());
        try (Writer out = Files.newBufferedWriter(record, StandardCharsets.UTF_8)) {
            out.write("{\"kind\":\"healthGate\",\"targets\":[\"https://api.example.com/health\"],\"verdict\":{\"healthy\":false,"
                    + "\"verdict\":\"FAIL\",\"phase\":\"WATCH\",\"reason\":\"rollback recommended: p95 910ms above 800ms\","
                    + "\"counts\":{\"success\":199000,\"failure\":600,\"error\":400},\"p50Ms\":120,\"p95Ms\":910,\"maxMs\":4000,"
                    + "\"timeToHealthyMs\":4200,\"durationMs\":86400000,\"samples\":[");
            for (int i = 0; i < 200_000; i++) {
                out.write((i == 0 ? "" : ",") + "{\"target\":\"https://api.example.com/health\",\"phase\":\"WATCH\",\"atMs\":"
                        + i * 400 + ",\"latencyMs\":" + (100 + i % 50) + ",\"outcome\":\"SUCCESS\",\"status\":200}");
            }
            out.write("]}}");
        }
        assertThat(Files.size(record)).isGreaterThan(20_000_000L);

        BuildSummary summary = ReportFolder.read(dir);

        GateVerdict gate = summary.getGates().get(0);
        assertThat(StepAndRecordVerdictsTest.figures(gate)).containsEntry("samples", "200000 (1000 failed)")
                .containsEntry("p95", "910 ms").containsEntry("time to healthy", "4.2 s").containsEntry("duration", "24h");
        assertThat(gate.getWhere()).isEqualTo("production/watch");
        assertThat(serializedSize(summary)).isLessThan(4_000);
    }

    private void copy(String fixture, Path target) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(fixture)) {
            Files.createDirectories(target.getParent());
            Files.copy(in, target);
        }
    }

    private static int serializedSize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.size();
    }
}
