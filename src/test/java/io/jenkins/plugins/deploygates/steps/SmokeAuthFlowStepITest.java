package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import com.fasterxml.jackson.databind.JsonNode;
import hudson.FilePath;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.util.Secret;
import io.jenkins.plugins.deploygates.demo.AuthBreakage;
import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.testing.MagicLinkApp;
import io.jenkins.plugins.deploygates.testing.RealMailStack;
import java.nio.file.Files;
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
 * smokeAuthFlow in real Pipelines against an app that mails real links through the suite's Postfix to Dovecot:
 * the mailbox login from a Username/password credential, IMAPS trusted through a trust store in the workspace with
 * its password from a Secret text credential, and an abort that leaves the checks that ran in the workspace.
 */
@WithJenkins
class SmokeAuthFlowStepITest {
    private JenkinsRule r;
    private RealMailStack mail;
    private MagicLinkApp app;
    private DumbSlave agent;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        mail = RealMailStack.get();
        CredentialsStore store = CredentialsProvider.lookupStores(r.jenkins).iterator().next();
        store.addCredentials(Domain.global(), new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL,
                "smoke-inbox", "test", mail.user(), mail.password()));
        store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "trust-store-password", "test", Secret.fromString(mail.trustStorePassword())));
        agent = r.createOnlineSlave(Label.get("smoke"));
    }

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
    }

    private WorkflowRun run(String script, Result expected) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return r.buildAndAssertStatus(expected, job);
    }

    @Test
    void signsInThroughARealMailboxOverStarttlsAndLeavesOneTestCasePerCheck() throws Exception {
        app = MagicLinkApp.start(mail.host(), mail.smtpPort(), MagicLinkApp.Style.MULTIPART);
        // the suite's IMAP certificate is self-signed: its PEM sits in the workspace, as a user would commit it
        WorkflowRun build = run("node('smoke') {\n"
                + "  writeFile file: 'certs/mail.pem', text: '''" + Files.readString(mail.certificate()) + "'''\n"
                + "  def s = smokeAuthFlow baseUrl: '" + app.baseUrl() + "', email: '" + mail.user() + "',"
                + " mailbox: '" + mail.imapUri() + "', mailboxCredentialsId: 'smoke-inbox',"
                + " mailboxTrustStore: 'certs/mail.pem', timeout: '90s', warnOnly: ['Retry-After honoured']\n"
                + "  echo \"passed=${s.passed}\" }", Result.SUCCESS);

        r.assertLogContains("passed=true", build);
        r.assertLogNotContains(mail.password(), build);
        FilePath junit = agent.getWorkspaceFor(build.getParent()).child("smoke-auth/smoke-auth-junit.xml");
        assertThat(junit.readToString()).contains("name=\"token verified\"").contains("name=\"mailbox ready\"");
    }

    @Test
    void imapsIsTrustedThroughAPkcs12StoreWhosePasswordIsACredential() throws Exception {
        app = MagicLinkApp.start(mail.host(), mail.smtpPort(), MagicLinkApp.Style.HTML_ONLY);
        FilePath workspace = agent.getWorkspaceFor(r.createProject(WorkflowJob.class, "imaps"));
        workspace.child("mail.p12").copyFrom(mail.trustStore().toUri().toURL());
        WorkflowJob job = r.jenkins.getItemByFullName("imaps", WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node('smoke') {\n"
                + "  smokeAuthFlow baseUrl: '" + app.baseUrl() + "', email: '" + mail.user() + "',"
                + " mailbox: '" + mail.imapsUri() + "', mailboxCredentialsId: 'smoke-inbox',"
                + " mailboxTrustStore: 'mail.p12', mailboxTrustStoreCredentialsId: 'trust-store-password',"
                + " timeout: '90s', warnOnly: ['Retry-After honoured'] }", true));

        r.buildAndAssertSuccess(job);
    }

    @Test
    void anUntrustedServerIsOneSentenceNamingTheTrustStoreOption() throws Exception {
        app = MagicLinkApp.start(mail.host(), mail.smtpPort(), MagicLinkApp.Style.MULTIPART);
        WorkflowRun build = run("node('smoke') { smokeAuthFlow baseUrl: '" + app.baseUrl() + "', email: '"
                + mail.user() + "', mailbox: '" + mail.imapsUri() + "', mailboxCredentialsId: 'smoke-inbox',"
                + " timeout: '30s' }", Result.FAILURE);

        r.assertLogContains("mailboxTrustStore", build);
        r.assertLogNotContains("PKIX path building failed\n\tat", build);
        assertThat(app.linkRequests()).as("the mailbox is checked before any link is requested").isZero();
    }

    @Test
    void abortingTheRunWritesTheChecksThatRanAndMarksTheRestNotRun() throws Exception {
        // the app never mails: the run waits for its link until the build is aborted
        app = MagicLinkApp.start(mail.host(), mail.smtpPort(), MagicLinkApp.Style.MULTIPART, AuthBreakage.NO_EMAIL);
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node('smoke') {\n  smokeAuthFlow baseUrl: '" + app.baseUrl()
                + "', email: 'nobody-reads-this@example.test', mailbox: '" + mail.imapUri() + "',"
                + " mailboxCredentialsId: 'smoke-inbox', mailboxTrustStore: 'mail.pem', timeout: '10m' }", true));
        agent.getWorkspaceFor(job).child("mail.pem").copyFrom(mail.certificate().toUri().toURL());
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("link requested", build);

        build.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(build));

        JsonNode record = Json.MAPPER.readTree(agent.getWorkspaceFor(job).child("smoke-auth/smoke-auth.json").readToString());
        assertThat(record.toString()).contains("NOT_RUN").contains("link requested");
    }
}
