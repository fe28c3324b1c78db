package io.jenkins.plugins.deploygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.railway.FakeRailway;
import io.jenkins.plugins.deploygates.engine.railway.upload.TarContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** railway-up and railway-rollback from the command line, against the fake Railway: every exit code. */
class RailwayCommandsTest {
    @TempDir
    Path dir;

    private FakeRailway fake;
    private Map<String, String> env = Map.of("RAILWAY_TOKEN", FakeRailway.PROJECT_TOKEN);

    @BeforeEach
    void start() throws Exception {
        fake = new FakeRailway();
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/index.js"), "x");
        RailwayOptions.environment = name -> env.get(name);
    }

    @AfterEach
    void stop() throws Exception {
        RailwayOptions.environment = System::getenv;
        fake.close();
    }

    private CliRun up(String... extra) {
        String[] base = {"railway-up", "--service", "api", "--environment", "production", "--path",
            dir.resolve("app").toString(), "--path-as-root", "--api-url", fake.url(), "--poll-interval", "10ms", "--report-dir",
            dir.resolve("report").toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return CliRun.of(all);
    }

    private JsonNode report(String name) throws Exception {
        return Json.MAPPER.readTree(dir.resolve("report").resolve(name).toFile());
    }

    private static void assertOneSentence(String err) {
        assertThat(err.strip().lines()).hasSize(1);
        assertThat(err).doesNotContain("\tat ", "Exception:", FakeRailway.PROJECT_TOKEN);
    }

    @Test
    void successExitsZeroAndWritesTheDeploymentRecord() throws Exception {
        CliRun run = up("--message", "build 7");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("[railway] Deployment dep-1 is SUCCESS.", "report: ");
        JsonNode record = report("railway-deployment.json");
        assertThat(record.path("deploymentId").asText()).isEqualTo("dep-1");
        assertThat(record.path("verdict").asText()).isEqualTo("PASSED");
        assertThat(record.path("serviceId").asText()).isEqualTo(FakeRailway.SERVICE_ID);
        assertThat(record.path("statuses").findValuesAsText("status")).containsExactly("BUILDING", "DEPLOYING", "SUCCESS");
        assertThat(record.path("statuses").get(0).path("at").asText()).isNotEmpty();
        assertThat(Files.readString(dir.resolve("report/railway-deployment.json"))).doesNotContain(FakeRailway.PROJECT_TOKEN);
    }

    @Test
    void failedDeploymentExitsOneWithOneSentenceAndStillWritesTheRecord() throws Exception {
        fake.next(FakeRailway.script().statuses("BUILDING", "CRASHED"));
        CliRun run = up();

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).startsWith("railway-up: Deployment dep-1 CRASHED");
        assertOneSentence(run.err);
        assertThat(report("railway-deployment.json").path("verdict").asText()).isEqualTo("FAILED");
    }

    @Test
    void timeoutExitsOne() {
        fake.next(FakeRailway.script().statuses("BUILDING"));
        CliRun run = up("--timeout", "200ms");
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).contains("reached no verdict within 200ms", "dep-1", "https://railway.com/project/");
    }

    @Test
    void skippedNeedsAllowSkipped() {
        fake.next(FakeRailway.script().statuses("SKIPPED")).next(FakeRailway.script().statuses("SKIPPED"));
        assertThat(up().exitCode).isEqualTo(1);
        assertThat(up("--allow-skipped").exitCode).isZero();
    }

    @Test
    void detachExitsZeroAndSaysNoVerdictWasAwaited() throws Exception {
        CliRun run = up("--detach");
        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("not awaited", "no verdict");
        assertThat(report("railway-deployment.json").path("verdict").asText()).isEqualTo("DETACHED");
    }

    @Test
    void accountTokenFromRailwayApiToken() {
        env = Map.of("RAILWAY_API_TOKEN", FakeRailway.ACCOUNT_TOKEN);
        CliRun run = up("--project", "shop");
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(fake.calls().get(0).headers()).containsEntry("authorization", "Bearer " + FakeRailway.ACCOUNT_TOKEN);
    }

    @Test
    void usageMistakesExitTwoWithOneSentence() {
        env = Map.of();
        CliRun noToken = up();
        assertThat(noToken.exitCode).isEqualTo(2);
        assertThat(noToken.err).startsWith("railway-up: No Railway token: set RAILWAY_TOKEN");
        assertOneSentence(noToken.err);

        env = Map.of("RAILWAY_TOKEN", FakeRailway.PROJECT_TOKEN);
        CliRun unknown = CliRun.of("railway-up", "--service", "web", "--path", dir.toString(), "--path-as-root", "--api-url", fake.url());
        assertThat(unknown.exitCode).isEqualTo(2);
        assertThat(unknown.err).isEqualToIgnoringNewLines("railway-up: service 'web' not found in project 'shop': "
                + "the services are 'api', 'Postgres', 'worker'.");

        CliRun missing = up("--required-variable", "DATABASE_URL,REDIS_URL");
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err).contains("lacks REDIS_URL").doesNotContain("postgres://");
        assertThat(fake.uploads()).isEmpty();

        CliRun badDuration = up("--timeout", "soon");
        assertThat(badDuration.exitCode).isEqualTo(2);
        assertOneSentence(badDuration.err);
    }

    @Test
    void aMaintenancePageThatLastsFailsTheDeployInOneSentenceInTheUsersWords() {
        MockResponse[] pages = new MockResponse[50];
        java.util.Arrays.fill(pages, new MockResponse().setBody("<html>maintenance</html>"));
        fake.inject("ProjectToken", pages);
        CliRun run = up("--timeout", "2s");
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).startsWith("railway-up: Railway did not answer while finding the project and environment"
                + " of the project token (HTTP 200 without data); it lasted until the time ran out")
                .doesNotContain("ProjectToken");
        assertThat(run.err.strip().lines()).hasSize(1);
        assertThat(run.err).doesNotContain("\tat ");
    }

    @Test
    void aMaintenancePageOnceIsRetriedAndTheDeployPasses() {
        fake.inject("ProjectToken", new MockResponse().setBody("<html>maintenance</html>"));
        CliRun run = up();
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(fake.calls("ProjectToken")).hasSize(2);
    }

    @Test
    void rollbackExitsZeroAndWritesItsRecord() throws Exception {
        fake.existing("dep-a", "REMOVED", true).existing("dep-b", "CRASHED", false);
        CliRun run = CliRun.of("railway-rollback", "--service", "api", "--environment", "production", "--api-url",
                fake.url(), "--poll-interval", "10ms", "--report-dir", dir.resolve("report").toString());

        assertThat(run.exitCode).as(run.err).isZero();
        JsonNode record = report("railway-rollback.json");
        assertThat(record.path("rolledBackTo").asText()).isEqualTo("dep-a");
        assertThat(record.path("replacedDeploymentId").asText()).isEqualTo("dep-b");
        assertThat(record.path("verdict").asText()).isEqualTo("PASSED");
    }

    @Test
    void rollbackWithNothingToRollBackExitsOne() {
        fake.existing("dep-a", "SUCCESS", false);
        CliRun run = CliRun.of("railway-rollback", "--service", "api", "--api-url", fake.url());
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).startsWith("railway-rollback: Nothing to roll back to");
        assertOneSentence(run.err);
    }

    @Test
    void rollbackToAnUnknownEnvironmentExitsTwo() {
        CliRun run = CliRun.of("railway-rollback", "--service", "api", "--environment", "staging", "--api-url",
                fake.url(), "--to", "dep-x");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("environment 'staging' is not the one the project token belongs to");
    }

    @Test
    void aPathThatDoesNotExistIsRefusedAtOnceWithoutAnyRequest() {
        CliRun run = CliRun.of("railway-up", "--service", "api", "--path", dir.resolve("nonexistent").toString(),
                "--path-as-root", "--api-url", fake.url());

        assertThat(run.exitCode).isEqualTo(2);
        assertOneSentence(run.err);
        assertThat(run.err).contains("is not a directory");
        assertThat(fake.requests()).isZero();
    }

    @Test
    void aPathOutsideTheWorkingDirectoryNeedsPathAsRootAndSaysSo() {
        CliRun run = CliRun.of("railway-up", "--service", "api", "--path", dir.resolve("app").toString(),
                "--api-url", fake.url());

        assertThat(run.exitCode).isEqualTo(2);
        assertOneSentence(run.err);
        assertThat(run.err).contains("is not inside the project directory", "set pathAsRoot (--path-as-root)");
        assertThat(fake.requests()).isZero();
    }

    /**
     * Issue 14: --no-gitignore and --path-as-root reach the engine. The app is a git repository whose .gitignore
     * leaves out a build output: uploaded only with --no-gitignore, and named from --path itself (without
     * --path-as-root this path outside the working directory would be refused).
     */
    @Test
    void noGitignoreUploadsWhatOnlyGitignoreLeftOut() throws Exception {
        Files.createDirectories(dir.resolve("app/.git"));
        Files.writeString(dir.resolve("app/.gitignore"), "generated-by-build/\n");
        Files.createDirectories(dir.resolve("app/generated-by-build"));
        Files.writeString(dir.resolve("app/generated-by-build/bundle.js"), "built");

        CliRun honoured = up();
        CliRun noGitignore = up("--no-gitignore");

        assertThat(honoured.exitCode).as(honoured.err).isZero();
        assertThat(noGitignore.exitCode).as(noGitignore.err).isZero();
        assertThat(fake.uploads()).hasSize(2);
        assertThat(TarContents.read(fake.uploads().get(0).body()).keySet()).contains("index.js", ".gitignore")
                .doesNotContain("generated-by-build", "generated-by-build/bundle.js", ".git");
        assertThat(TarContents.read(fake.uploads().get(1).body())).containsEntry("index.js", "x")
                .containsEntry("generated-by-build/bundle.js", "built").doesNotContainKey(".git");
    }

    @Test
    void everyRailwayOptionIsDescribedInHelp() {
        for (Object command : new Object[] {new RailwayUpCommand(), new RailwayRollbackCommand()}) {
            picocli.CommandLine.Model.CommandSpec spec = new picocli.CommandLine(command).getCommandSpec();
            assertThat(spec.options()).allSatisfy(o -> assertThat(String.join(" ", o.description()))
                    .as(spec.name() + " " + o.longestName()).isNotBlank());
        }
    }
}
