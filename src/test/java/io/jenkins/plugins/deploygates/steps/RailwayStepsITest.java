package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.fasterxml.jackson.databind.JsonNode;
import hudson.FilePath;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.util.Secret;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.railway.FakeRailway;
import io.jenkins.plugins.deploygates.engine.railway.upload.TarContents;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * railwayUp and railwayRollback in real Pipelines against a loopback Railway: the upload runs on an agent (its
 * callable crosses a real remoting channel), the token comes from a Secret text credential, and whatever the outcome
 * the record is in the workspace.
 */
@WithJenkins
class RailwayStepsITest {
    private JenkinsRule r;
    private FakeRailway railway;
    private DumbSlave agent;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        railway = new FakeRailway();
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(),
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "railway-token", "Railway project token",
                        Secret.fromString(FakeRailway.PROJECT_TOKEN)));
        agent = r.createOnlineSlave(Label.get("deploy"));
    }

    @AfterEach
    void tearDown() throws Exception {
        railway.close();
    }

    /** A Pipeline that deploys backend/ of a small workspace on the agent; {@code extra} adds step parameters. */
    private WorkflowJob deployJob(String extra) throws Exception {
        return deployJob("railway-token", extra);
    }

    private WorkflowJob deployJob(String credentialsId, String extra) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node('deploy') {\n"
                + "  writeFile file: 'backend/server.js', text: 'listen()'\n"
                + "  writeFile file: 'README.md', text: 'not deployed'\n"
                + "  def d = railwayUp service: 'api', environment: 'production', path: 'backend',"
                + " credentialsId: '" + credentialsId + "', apiUrl: '" + railway.url() + "', pollInterval: '10ms'" + extra
                + "\n  echo \"deployed ${d.deploymentId}: ${d.status} ${d.verdict}, replaced ${d.replacedDeploymentId}\" }",
                true));
        return job;
    }

    private JsonNode record(WorkflowJob job, String file) throws Exception {
        return Json.MAPPER.readTree(agent.getWorkspaceFor(job).child("railway/" + file).readToString());
    }

    @Test
    void deploysFromTheAgentWithACredentialReturnsTheVerdictAndKeepsTheRecord() throws Exception {
        WorkflowJob job = deployJob(", pathAsRoot: true");

        WorkflowRun build = r.buildAndAssertSuccess(job);

        r.assertLogContains("deployed dep-1: SUCCESS PASSED", build);
        r.assertLogNotContains(FakeRailway.PROJECT_TOKEN, build);
        assertThat(TarContents.read(railway.uploads().get(0).body())).containsKey("server.js")
                .doesNotContainKey("README.md").doesNotContainKey("backend/server.js");
        assertThat(railway.uploads().get(0).headers()).containsEntry("project-access-token", FakeRailway.PROJECT_TOKEN);
        assertThat(record(job, "railway-up-api.json").path("verdict").asText()).isEqualTo("PASSED");
    }

    /**
     * In Jenkins the subscription runs on the controller's own WebSocket client (JenkinsHttp, through Jenkins' proxy
     * settings, on its class-loader-safe threads): a whole deployment followed over one upgrade, logs streamed, no
     * polling.
     */
    @Test
    void followsTheDeploymentOverOneSubscriptionOnTheControllersWebSocketClient() throws Exception {
        railway.withSubscriptions().next(FakeRailway.script().statuses("BUILDING", "DEPLOYING", "SUCCESS")
                .buildLogs("step 1/2: npm ci").deployLogs("listening on :8080"));

        WorkflowRun build = r.buildAndAssertSuccess(deployJob(""));

        r.assertLogContains("Following deployment dep-1 over a subscription.", build);
        r.assertLogContains("step 1/2: npm ci", build);
        r.assertLogContains("listening on :8080", build);
        r.assertLogNotContains("by polling", build);
        r.assertLogNotContains(FakeRailway.PROJECT_TOKEN, build);
        assertThat(railway.upgrades()).isEqualTo(1);
    }

    @Test
    void withoutPathAsRootTheArchiveKeepsThePathAsRailwayUpDoes() throws Exception {
        r.buildAndAssertSuccess(deployJob(""));

        assertThat(TarContents.read(railway.uploads().get(0).body())).containsKey("backend/server.js");
    }

    /**
     * Issue 14: noGitignore reaches the engine from a Pipeline. The workspace is a git repository whose .gitignore
     * leaves out a build output; the same directory is deployed twice, the second time with noGitignore.
     */
    @Test
    void noGitignoreUploadsWhatOnlyGitignoreLeftOut() throws Exception {
        String deploy = "railwayUp service: 'api', environment: 'production', path: 'backend', credentialsId:"
                + " 'railway-token', apiUrl: '" + railway.url() + "', pollInterval: '10ms'";
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node('deploy') {\n"
                + "  writeFile file: '.git/HEAD', text: 'ref: refs/heads/main'\n"
                + "  writeFile file: '.gitignore', text: 'generated-by-build/'\n"
                + "  writeFile file: 'backend/server.js', text: 'listen()'\n"
                + "  writeFile file: 'backend/generated-by-build/bundle.js', text: 'built'\n"
                + "  " + deploy + "\n"
                + "  " + deploy + ", noGitignore: true\n"
                + "}", true));

        r.buildAndAssertSuccess(job);

        assertThat(railway.uploads()).hasSize(2);
        assertThat(TarContents.read(railway.uploads().get(0).body())).containsKey("backend/server.js")
                .doesNotContainKey("backend/generated-by-build/bundle.js");
        assertThat(TarContents.read(railway.uploads().get(1).body())).containsKey("backend/server.js")
                .containsEntry("backend/generated-by-build/bundle.js", "built");
    }

    @Test
    void aFailedDeploymentFailsTheBuildWithOneLineAndStillWritesTheRecord() throws Exception {
        railway.next(FakeRailway.script().statuses("BUILDING", "FAILED").buildLogs("error: build failed"));
        WorkflowJob job = deployJob("");

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("railwayUp: Deployment dep-1 FAILED", build);
        r.assertLogContains("error: build failed", build);
        r.assertLogNotContains("\tat ", build);
        assertThat(record(job, "railway-up-api.json").path("verdict").asText()).isEqualTo("FAILED");
    }

    @Test
    void abortingCancelsTheUnfinishedDeploymentAndTheRecordSaysSoBeforeTheBuildEnds() throws Exception {
        railway.next(FakeRailway.script().statuses("BUILDING"));
        WorkflowJob job = deployJob("");
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        FilePath record = agent.getWorkspaceFor(job).child("railway/railway-up-api.json");
        while (!record.exists()) { // written as soon as Railway accepts the upload
            Thread.sleep(50);
        }

        build.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(build));

        JsonNode written = Json.MAPPER.readTree(record.readToString());
        assertThat(written.path("verdict").asText()).isEqualTo("INTERRUPTED");
        assertThat(written.path("reason").asText()).startsWith("Stopped while deployment dep-1 was BUILDING: it was"
                + " cancelled in Railway");
        assertThat(railway.calls("DeploymentCancel")).hasSize(1);
    }

    @Test
    void aMistakeIsOneSentenceBeforeAnythingIsUploaded() throws Exception {
        WorkflowRun unknownCredential = r.buildAndAssertStatus(Result.FAILURE,
                deployJob("nope", ""));
        r.assertLogContains("railwayUp: credentialsId 'nope' is not a Secret text credential this job can use", unknownCredential);

        WorkflowRun missingVariable = r.buildAndAssertStatus(Result.FAILURE,
                deployJob(", requiredVariables: ['DATABASE_URL', 'SENTRY_DSN']"));
        r.assertLogContains("lacks SENTRY_DSN", missingVariable);
        r.assertLogNotContains("\tat ", missingVariable);
        assertThat(railway.uploads()).isEmpty();
    }

    @Test
    void aPathOutsideTheWorkspaceIsRefusedOnTheAgentBeforeAnyRequestToRailway() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node('deploy') { railwayUp service: 'api', path: '/etc',"
                + " credentialsId: 'railway-token', apiUrl: '" + railway.url() + "' }", true));

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("railwayUp: path '/etc' is absolute: give a directory inside the workspace", build);
        r.assertLogNotContains("\tat ", build);
        assertThat(railway.calls()).as("no request reached Railway").isEmpty();
    }

    @Test
    void rollbackRestoresThePreviousDeploymentOrSaysThereIsNone() throws Exception {
        railway.existing("dep-a", "REMOVED", true).existing("dep-b", "CRASHED", false);
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("def d = railwayRollback service: 'api', environment: 'production',"
                + " credentialsId: 'railway-token', apiUrl: '" + railway.url() + "', pollInterval: '10ms'\n"
                + "echo \"rolled back to ${d.rolledBackTo}: ${d.verdict}\"", true));

        r.assertLogContains("rolled back to dep-a: PASSED", r.buildAndAssertSuccess(job));

        FakeRailway empty = new FakeRailway();
        try (empty) {
            empty.existing("dep-x", "SUCCESS", false);
            WorkflowJob nothing = r.createProject(WorkflowJob.class);
            nothing.setDefinition(new CpsFlowDefinition("railwayRollback service: 'api', environment: 'production',"
                    + " credentialsId: 'railway-token', apiUrl: '" + empty.url() + "'", true));
            r.assertLogContains("railwayRollback: Nothing to roll back to", r.buildAndAssertStatus(Result.FAILURE, nothing));
        }
    }
}
