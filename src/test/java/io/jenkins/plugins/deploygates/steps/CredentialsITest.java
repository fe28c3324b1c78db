package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Item;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.deploygates.engine.railway.FakeRailway;
import java.net.URL;
import java.util.List;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Credentials as Jenkins scopes them: global and folder Secret text and Username/password. A job in the folder deploys
 * with the folder's token, a job outside cannot reach it, each build records the credentials it used, and the
 * Snippet Generator's drop-down, asked for a job, lists what that job may use to whoever may configure it.
 */
@WithJenkins
class CredentialsITest {
    private static final String FOLDER_TOKEN = FakeRailway.PROJECT_TOKEN;
    private JenkinsRule r;
    private FakeRailway railway;
    private Folder team;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        railway = new FakeRailway();
        team = r.jenkins.createProject(Folder.class, "team");
        add(CredentialsProvider.lookupStores(r.jenkins).iterator().next(), secretText("global-token", "global-token-value"),
                usernamePassword("global-login"));
        add(folderStore(team), secretText("team-token", FOLDER_TOKEN), usernamePassword("team-login"));
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("alice")
                .grant(Jenkins.READ, Item.READ).everywhere().to("bob"));
    }

    @AfterEach
    void tearDown() throws Exception {
        railway.close();
    }

    @Test
    void aJobInTheFolderDeploysWithTheFoldersTokenAndTheBuildRecordsIt() throws Exception {
        WorkflowJob deploy = team.createProject(WorkflowJob.class, "deploy");
        deploy.setDefinition(new CpsFlowDefinition(deployWith("team-token"), true));

        WorkflowRun build = r.buildAndAssertSuccess(deploy);

        assertThat(railway.uploads()).hasSize(1);
        assertThat(railway.uploads().get(0).headers()).containsEntry("project-access-token", FOLDER_TOKEN);
        Credentials used = CredentialsProvider.lookupCredentialsInItem(StringCredentialsImpl.class, deploy, null)
                .stream().filter(c -> c.getId().equals("team-token")).findFirst().orElseThrow();
        assertThat(CredentialsProvider.getFingerprintOf(used).getJobs()).contains("team/deploy");
        r.assertLogNotContains(FOLDER_TOKEN, build);
    }

    @Test
    void aJobOutsideTheFolderCannotUseTheFoldersCredentials() throws Exception {
        WorkflowJob outside = r.createProject(WorkflowJob.class, "outside");
        outside.setDefinition(new CpsFlowDefinition(deployWith("team-token"), true));

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, outside);

        r.assertLogContains("railwayUp: credentialsId 'team-token' is not a Secret text credential this job can use:"
                + " add one holding the Railway token, or fix the ID.", build);
        assertThat(railway.uploads()).isEmpty();
    }

    @Test
    void theDropDownListsWhatTheJobMayUseToWhoeverMayConfigureIt() throws Exception {
        WorkflowJob inFolder = team.createProject(WorkflowJob.class, "deploy");
        WorkflowJob outside = r.createProject(WorkflowJob.class, "outside");

        assertThat(items("admin", inFolder, RailwayUpStep.class, "credentialsId")).containsExactly("", "team-token", "global-token");
        assertThat(items("alice", inFolder, RailwayUpStep.class, "credentialsId")).containsExactly("", "team-token", "global-token");
        assertThat(items("alice", outside, RailwayRollbackStep.class, "credentialsId")).containsExactly("", "global-token");
        assertThat(items("alice", inFolder, SmokeAuthFlowStep.class, "mailboxCredentialsId"))
                .containsExactly("", "team-login", "global-login");
        assertThat(items("alice", inFolder, SmokeAuthFlowStep.class, "expiredTokenCredentialsId"))
                .containsExactly("", "team-token", "global-token");
        assertThat(items("bob", inFolder, RailwayUpStep.class, "credentialsId", "team-token"))
                .as("without Item/Configure only the value already chosen is shown").containsExactly("team-token");
    }

    /** The values the drop-down offers (the nearest store first), asked for over HTTP as the form asks for them. */
    private List<String> items(String user, WorkflowJob job, Class<?> step, String field) throws Exception {
        return items(user, job, step, field, "");
    }

    private List<String> items(String user, WorkflowJob job, Class<?> step, String field, String current)
            throws Exception {
        try (JenkinsRule.WebClient wc = r.createWebClient().login(user)) {
            String fill = "fill" + Character.toUpperCase(field.charAt(0)) + field.substring(1) + "Items";
            WebRequest request = new WebRequest(new URL(job.getAbsoluteUrl() + "descriptorByName/" + step.getName()
                    + "/" + fill), HttpMethod.POST);
            request.setRequestParameters(List.of(new NameValuePair(field, current)));
            WebResponse answer = wc.loadWebResponse(wc.addCrumb(request));
            assertThat(answer.getStatusCode()).as(fill + " as " + user).isEqualTo(200);
            JSONArray values = JSONObject.fromObject(answer.getContentAsString()).getJSONArray("values");
            return values.stream().map(v -> ((JSONObject) v).getString("value")).collect(Collectors.toList());
        }
    }

    private String deployWith(String credentialsId) {
        return "node { writeFile file: 'backend/server.js', text: 'listen()'\n"
                + "  railwayUp service: 'api', environment: 'production', path: 'backend', credentialsId: '"
                + credentialsId + "', apiUrl: '" + railway.url() + "', pollInterval: '10ms' }";
    }

    private static CredentialsStore folderStore(Folder folder) {
        for (CredentialsStore store : CredentialsProvider.lookupStores(folder)) {
            if (store.getContext() == folder) {
                return store;
            }
        }
        throw new AssertionError("no credentials store on folder " + folder.getFullName());
    }

    private static void add(CredentialsStore store, Credentials... credentials) throws Exception {
        for (Credentials c : credentials) {
            store.addCredentials(Domain.global(), c);
        }
    }

    private static StringCredentialsImpl secretText(String id, String value) {
        return new StringCredentialsImpl(CredentialsScope.GLOBAL, id, "test", Secret.fromString(value));
    }

    private static UsernamePasswordCredentialsImpl usernamePassword(String id) throws Exception {
        return new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, id, "test", "smoke", "mailbox-password-1");
    }
}
