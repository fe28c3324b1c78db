package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.util.Secret;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.railway.FakeRailway;
import io.jenkins.plugins.deploygates.engine.railway.upload.TarContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import standin.StandInCredentialStore;

/** railwayUp and railwayRollback adapters through the StepContext double, against the fake Railway. */
class RailwayStepsTest {
    @TempDir
    Path workspace;

    private FakeRailway fake;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeRailway();
        Files.createDirectories(workspace.resolve("backend"));
        Files.writeString(workspace.resolve("backend/server.js"), "listen()");
        Files.writeString(workspace.resolve("README.md"), "not deployed");
        StandInCredentialStore.add(secretText("railway-token", FakeRailway.PROJECT_TOKEN));
        StandInCredentialStore.add(secretText("railway-account", FakeRailway.ACCOUNT_TOKEN));
    }

    @AfterEach
    void stop() throws Exception {
        StandInCredentialStore.clear();
        fake.close();
    }

    private static StringCredentials secretText(String id, String value) {
        return new StringCredentials() {
            @Override public String getId() { return id; }
            @Override public String getDescription() { return "test"; }
            @Override public Secret getSecret() { return Secret.fromString(value); }
        };
    }

    private RailwayUpStep up() {
        RailwayUpStep step = new RailwayUpStep("api");
        step.setEnvironment("production");
        step.setPath("backend");
        step.setCredentialsId("railway-token");
        step.setApiUrl(fake.url());
        step.setPollInterval("10ms");
        return step;
    }

    private FakeStepContext context(Map<String, String> env) {
        return new FakeStepContext().withWorkspace(workspace.toFile()).with(EnvVars.class, new EnvVars(env));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(FakeStepContext context) throws Throwable {
        return (Map<String, Object>) context.result(10);
    }

    @Test
    void deploysTheWorkspaceDirectoryWithASecretTextCredentialAndReturnsAMap() throws Throwable {
        FakeStepContext context = context(Map.of());
        up().start(context).start();
        Map<String, Object> result = result(context);

        assertThat(result).containsEntry("deploymentId", "dep-1").containsEntry("status", "SUCCESS")
                .containsEntry("verdict", "PASSED").containsEntry("url", "https://api-production.up.railway.app")
                .containsKeys("logsUrl", "durationMs");
        assertThat(TarContents.read(fake.uploads().get(0).body())).containsOnlyKeys("backend", "backend/server.js");
        assertThat(context.console()).contains("[railway] Deployment dep-1 is SUCCESS.", "Archive: 1 files")
                .doesNotContain(FakeRailway.PROJECT_TOKEN);
        JsonNode record = Json.MAPPER.readTree(workspace.resolve("railway/railway-up-api.json").toFile());
        assertThat(record.path("verdict").asText()).isEqualTo("PASSED");
    }

    @Test
    void readsRailwayApiTokenFromTheEnvironmentWithoutACredential() throws Throwable {
        RailwayUpStep step = up();
        step.setCredentialsId(null);
        step.setProject("shop");
        FakeStepContext context = context(Map.of("RAILWAY_API_TOKEN", FakeRailway.ACCOUNT_TOKEN));
        step.start(context).start();

        assertThat(result(context)).containsEntry("verdict", "PASSED");
        assertThat(fake.calls().get(0).headers()).containsEntry("authorization", "Bearer " + FakeRailway.ACCOUNT_TOKEN);
    }

    @Test
    void accountTokenKindSendsTheCredentialAsBearer() throws Throwable {
        RailwayUpStep step = up();
        step.setCredentialsId("railway-account");
        step.setTokenKind("account");
        step.setProject("shop");
        FakeStepContext context = context(Map.of());
        step.start(context).start();
        assertThat(result(context)).containsEntry("verdict", "PASSED");
    }

    @Test
    void failedDeployFailsTheBuildWithOneLineAndStillWritesTheRecord() throws Exception {
        fake.next(FakeRailway.script().statuses("BUILDING", "FAILED").buildLogs("error: build failed"));
        FakeStepContext context = context(Map.of());
        up().start(context).start();

        assertThatThrownBy(() -> context.result(10)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("railwayUp: Deployment dep-1 FAILED; see https://railway.com/project/");
        assertThat(context.console()).contains("  [build] error: build failed");
        JsonNode record = Json.MAPPER.readTree(workspace.resolve("railway/railway-up-api.json").toFile());
        assertThat(record.path("verdict").asText()).isEqualTo("FAILED");
        assertThat(record.path("deploymentId").asText()).isEqualTo("dep-1");
    }

    @Test
    void theRecordIsOnDiskWhileWaitingAndSaysInterruptedWhenTheBuildIsAborted() throws Exception {
        fake.next(FakeRailway.script().statuses("BUILDING", "DEPLOYING"));
        FakeStepContext context = context(Map.of());
        Path file = workspace.resolve("railway/railway-up-api.json");
        Thread build = new Thread(() -> {
            try {
                up().start(context).start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        build.start();
        JsonNode whileWaiting = awaitRecord(file);
        assertThat(whileWaiting.path("deploymentId").asText()).isEqualTo("dep-1");
        assertThat(whileWaiting.hasNonNull("verdict")).isFalse();

        build.interrupt(); // what aborting the build does to the step's thread
        build.join(10_000);

        assertThatThrownBy(() -> context.result(10)).isInstanceOf(InterruptedException.class)
                .hasMessageStartingWith("Stopped waiting for deployment dep-1");
        JsonNode afterAbort = Json.MAPPER.readTree(file.toFile());
        assertThat(afterAbort.path("verdict").asText()).isEqualTo("INTERRUPTED");
        assertThat(afterAbort.path("reason").asText()).contains("railwayRollback");
        assertThat(context.console()).contains("[railway] record: railway/railway-up-api.json")
                .doesNotContain(FakeRailway.PROJECT_TOKEN);
    }

    @Test
    void abortingTheBuildCancelsTheDeploymentThatHasNotFinished() throws Exception {
        fake.next(FakeRailway.script().statuses("BUILDING"));
        FakeStepContext context = context(Map.of());
        Path file = workspace.resolve("railway/railway-up-api.json");
        StepExecution execution = up().start(context);
        Thread build = new Thread(() -> {
            try {
                execution.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        build.start();
        awaitRecord(file);

        execution.stop(new InterruptedException("aborted by admin")); // what Jenkins calls when the build is aborted
        build.join(10_000);

        assertThatThrownBy(() -> context.result(10)).isInstanceOf(InterruptedException.class)
                .hasMessage("aborted by admin");
        assertThat(fake.calls("DeploymentCancel")).hasSize(1);
        JsonNode record = Json.MAPPER.readTree(file.toFile());
        assertThat(record.path("verdict").asText()).isEqualTo("INTERRUPTED");
        assertThat(record.path("reason").asText()).isEqualTo("Stopped while deployment dep-1 was BUILDING: it was cancelled in"
                + " Railway, so the service keeps serving its previous deployment.");
        assertThat(context.console()).contains("[railway] Stopped while deployment dep-1 was BUILDING");
    }

    /** The record once it is there and whole (the step writes it while this test polls). */
    private static JsonNode awaitRecord(Path file) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                return Json.MAPPER.readTree(file.toFile());
            } catch (java.io.IOException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw notYet;
                }
                Thread.sleep(10);
            }
        }
    }

    @Test
    void userMistakesAreOneSentenceAborts() throws Exception {
        RailwayUpStep unknownCredential = up();
        unknownCredential.setCredentialsId("nope");
        assertAborts(unknownCredential, "railwayUp: credentialsId 'nope' is not a Secret-text credential");

        RailwayUpStep noToken = up();
        noToken.setCredentialsId(null);
        assertAborts(noToken, "railwayUp: No Railway token: set RAILWAY_TOKEN");

        RailwayUpStep badTimeout = up();
        badTimeout.setTimeout("soon");
        assertAborts(badTimeout, "railwayUp: timeout 'soon' is not a duration");

        RailwayUpStep missingVariables = up();
        missingVariables.setRequiredVariables(List.of("DATABASE_URL", "SENTRY_DSN"));
        assertAborts(missingVariables, "railwayUp: requiredVariables: service 'api' in production of project 'shop' "
                + "lacks SENTRY_DSN");
        assertThat(fake.uploads()).isEmpty();
    }

    private void assertAborts(RailwayUpStep step, String message) throws Exception {
        FakeStepContext context = context(Map.of());
        step.start(context).start();
        assertThatThrownBy(() -> context.result(10)).isInstanceOf(AbortException.class).hasMessageStartingWith(message);
    }

    @Test
    void rollbackStepReturnsTheRestoredDeployment() throws Throwable {
        fake.existing("dep-a", "REMOVED", true).existing("dep-b", "CRASHED", false);
        RailwayRollbackStep step = new RailwayRollbackStep("api");
        step.setCredentialsId("railway-token");
        step.setApiUrl(fake.url());
        step.setPollInterval("10ms");
        FakeStepContext context = new FakeStepContext().with(EnvVars.class, new EnvVars());
        step.start(context).start();

        assertThat(result(context)).containsEntry("rolledBackTo", "dep-a").containsEntry("status", "SUCCESS")
                .containsEntry("verdict", "PASSED");
        assertThat(context.console()).contains("Rolling back service 'api'");
    }

    @Test
    void anAbortedRollbackStillWritesItsRecord() throws Exception {
        fake.existing("dep-a", "REMOVED", true).existing("dep-b", "CRASHED", false);
        fake.next(FakeRailway.script().statuses("INITIALIZING", "DEPLOYING"));
        RailwayRollbackStep step = new RailwayRollbackStep("api");
        step.setCredentialsId("railway-token");
        step.setApiUrl(fake.url());
        step.setPollInterval("10ms");
        FakeStepContext context = context(Map.of());
        StepExecution execution = step.start(context);
        Thread build = new Thread(() -> {
            try {
                execution.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        build.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (fake.calls("DeploymentProgress").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }

        execution.stop(new InterruptedException("aborted by admin"));
        build.join(10_000);

        JsonNode record = Json.MAPPER.readTree(workspace.resolve("railway/railway-rollback-api.json").toFile());
        assertThat(record.path("verdict").asText()).isEqualTo("INTERRUPTED");
        assertThat(record.path("rolledBackTo").asText()).isEqualTo("dep-a");
        assertThat(fake.calls("DeploymentCancel")).isEmpty();
    }

    @Test
    void rollbackWithNothingToRestoreAborts() throws Exception {
        fake.existing("dep-a", "SUCCESS", false);
        RailwayRollbackStep step = new RailwayRollbackStep("api");
        step.setCredentialsId("railway-token");
        step.setApiUrl(fake.url());
        FakeStepContext context = new FakeStepContext().with(EnvVars.class, new EnvVars());
        step.start(context).start();
        assertThatThrownBy(() -> context.result(10)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("railwayRollback: Nothing to roll back to");
    }

    @Test
    void formChecksUseTheRuntimeValidators() {
        RailwayUpStep.DescriptorImpl d = new RailwayUpStep.DescriptorImpl();
        assertThat(d.doCheckService(" ").getMessage()).isEqualTo("service is required: give the Railway service name or id.");
        assertThat(d.doCheckService("api").getMessage()).isNull();
        assertThat(d.doCheckTimeout("5").getMessage()).contains("has no unit");
        assertThat(d.doCheckTimeout("20m").getMessage()).isNull();
        assertThat(d.doCheckTokenKind("root").getMessage()).contains("write 'project' or 'account'");
        assertThat(d.doCheckRequiredVariablesText("DATABASE_URL\n9lives").getMessage()).contains("'9lives'");
        assertThat(d.doCheckRequiredVariablesText("DATABASE_URL\n\nREDIS_URL\n").getMessage()).isNull();
        assertThat(d.getFunctionName()).isEqualTo("railwayUp");
        assertThat(new RailwayRollbackStep.DescriptorImpl().getRequiredContext().contains(hudson.FilePath.class)).isFalse();
        assertThat(d.getRequiredContext().contains(hudson.FilePath.class)).isTrue();
    }

    @Test
    void everyParameterHasAFormFieldAndAHelpFile() throws Exception {
        for (Class<?> step : List.of(RailwayUpStep.class, RailwayRollbackStep.class)) {
            String dir = "/io/jenkins/plugins/deploygates/steps/" + step.getSimpleName() + "/";
            String jelly = new String(step.getResourceAsStream(dir + "config.jelly").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(jelly.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(step.getResource(dir + "help.html")).isNotNull();
            List<String> parameters = new java.util.ArrayList<>(List.of("service"));
            for (java.lang.reflect.Method m : step.getMethods()) {
                if (m.isAnnotationPresent(org.kohsuke.stapler.DataBoundSetter.class)) {
                    parameters.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
                }
            }
            assertThat(parameters).hasSizeGreaterThan(10);
            for (String p : parameters) {
                assertThat(jelly).as(step.getSimpleName() + " form field " + p).contains("field=\"" + StepDocsTest.formField(step, p) + "\"");
                assertThat(step.getResource(dir + "help-" + p + ".html")).as(step.getSimpleName() + " help " + p).isNotNull();
            }
        }
    }
}
