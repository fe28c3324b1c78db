package io.jenkins.plugins.deploygates.steps;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.smoke.FlowDefinition;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeAuthFlow;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeReport;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeSettings;
import io.jenkins.plugins.deploygates.engine.smoke.Sleeper;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeRunStopped;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxAccess;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxTrust;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxUri;
import io.jenkins.plugins.deploygates.engine.summary.GateVerdicts;
import io.jenkins.plugins.deploygates.summary.StepVerdicts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code smokeAuthFlow(baseUrl: 'https://staging.example.com', email: 'smoke@example.com',
 * mailbox: 'imaps://smoke@imap.example.com/INBOX', mailboxCredentialsId: 'smoke-inbox')}: signs in through the
 * real login flow after a deploy, returns every check as a Map, writes JUnit XML, and fails the build naming the
 * failed checks.
 */
public final class SmokeAuthFlowStep extends Step {
    static final String STEP = "smokeAuthFlow";
    static final String DEFAULT_TIMEOUT = Durations.format(SmokeSettings.DEFAULT_TIMEOUT);
    /** A trust store is a few kilobytes; a larger file is not one. */
    static final long TRUST_STORE_BYTES = 1024 * 1024;
    private final String baseUrl;
    private final String email;
    private String mailbox;
    private String mailboxCredentialsId;
    private String mailboxTrustStore;
    private String mailboxTrustStoreCredentialsId;
    private boolean mailboxPlaintext;
    private String flow = FlowDefinition.MAGIC_LINK;
    private String flowJson;
    private List<String> overrides = new ArrayList<>();
    private String loginCredentialsId;
    private String expiredTokenCredentialsId;
    private String plusTag;
    private List<String> allowedLinkHosts = new ArrayList<>();
    private List<String> warnOnly = new ArrayList<>();
    private String timeout = DEFAULT_TIMEOUT;
    private String maxRetryAfter = "60s";
    private String reportDir = "smoke-auth";

    @DataBoundConstructor
    public SmokeAuthFlowStep(String baseUrl, String email) {
        this.baseUrl = baseUrl;
        this.email = email;
    }

    public String getBaseUrl() { return baseUrl; }
    public String getEmail() { return email; }
    public String getMailbox() { return mailbox; }
    public String getMailboxCredentialsId() { return mailboxCredentialsId; }
    public String getMailboxTrustStore() { return mailboxTrustStore; }
    public String getMailboxTrustStoreCredentialsId() { return mailboxTrustStoreCredentialsId; }
    public boolean isMailboxPlaintext() { return mailboxPlaintext; }
    public String getFlow() { return flow; }
    public String getFlowJson() { return flowJson; }
    public List<String> getOverrides() { return overrides; }
    public String getOverridesText() { return ListText.join(overrides); }
    public String getLoginCredentialsId() { return loginCredentialsId; }
    public String getExpiredTokenCredentialsId() { return expiredTokenCredentialsId; }
    public String getPlusTag() { return plusTag; }
    public List<String> getAllowedLinkHosts() { return allowedLinkHosts; }
    public String getAllowedLinkHostsText() { return ListText.join(allowedLinkHosts); }
    public List<String> getWarnOnly() { return warnOnly; }
    public String getWarnOnlyText() { return ListText.join(warnOnly); }
    public String getTimeout() { return timeout; }
    public String getMaxRetryAfter() { return maxRetryAfter; }
    public String getReportDir() { return reportDir; }

    @DataBoundSetter public void setMailbox(String value) { mailbox = blankToNull(value); }
    @DataBoundSetter public void setMailboxCredentialsId(String value) { mailboxCredentialsId = blankToNull(value); }
    /** A workspace-relative file: the server's certificate (PEM) or a PKCS12/JKS trust store. */
    @DataBoundSetter public void setMailboxTrustStore(String value) { mailboxTrustStore = blankToNull(value); }
    @DataBoundSetter public void setMailboxTrustStoreCredentialsId(String value) { mailboxTrustStoreCredentialsId = blankToNull(value); }
    @DataBoundSetter public void setMailboxPlaintext(boolean value) { mailboxPlaintext = value; }
    @DataBoundSetter public void setFlow(String value) { flow = value == null || value.isBlank() ? FlowDefinition.MAGIC_LINK : value.trim(); }
    @DataBoundSetter public void setFlowJson(String value) { flowJson = blankToNull(value); }
    @DataBoundSetter public void setOverrides(List<String> value) { overrides = value == null ? new ArrayList<>() : new ArrayList<>(value); }
    /** The form's textarea for {@link #setOverrides}, one name=value per line. */
    @DataBoundSetter public void setLoginCredentialsId(String value) { loginCredentialsId = blankToNull(value); }
    @DataBoundSetter public void setExpiredTokenCredentialsId(String value) { expiredTokenCredentialsId = blankToNull(value); }
    /** Empty: a random tag per run; {@code none}: the address as given. */
    @DataBoundSetter public void setPlusTag(String value) { plusTag = blankToNull(value); }
    @DataBoundSetter public void setAllowedLinkHosts(List<String> value) { allowedLinkHosts = value == null ? new ArrayList<>() : new ArrayList<>(value); }
    @DataBoundSetter public void setWarnOnly(List<String> value) { warnOnly = value == null ? new ArrayList<>() : new ArrayList<>(value); }
    @DataBoundSetter public void setTimeout(String value) { timeout = value == null || value.isBlank() ? DEFAULT_TIMEOUT : value.trim(); }
    @DataBoundSetter public void setMaxRetryAfter(String value) { maxRetryAfter = value == null || value.isBlank() ? "60s" : value.trim(); }
    @DataBoundSetter public void setReportDir(String value) { reportDir = blankToNull(value); }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * The engine's settings, with every secret resolved from the run's credentials.
     *
     * @param trustStore the bytes of {@link #mailboxTrustStore}, read from the workspace, or null
     */
    SmokeSettings settings(BuildCredentials credentials, byte[] trustStore) {
        Duration wait = Durations.parse("timeout", timeout);
        FlowDefinition definition = flowJson != null ? FlowDefinition.parse(flowJson, "flowJson") : FlowDefinition.builtIn(flow);
        SmokeSettings settings = new SmokeSettings(baseUrl, email).flow(definition).timeout(wait)
                .maxRetryAfter(Durations.parse("maxRetryAfter", maxRetryAfter))
                .overrides(SmokeSettings.parseOverrides(overrides))
                .plusTag(SmokeSettings.tagFor(plusTag)).allowLinkHosts(allowedLinkHosts).warnOnly(warnOnly);
        if (mailbox != null) {
            StandardUsernamePasswordCredentials login = mailboxCredentialsId == null ? null
                    : credentials.usernamePassword("mailboxCredentialsId", mailboxCredentialsId, "the mailbox login");
            String password = login == null ? null : login.getPassword().getPlainText();
            MailboxTrust trust = trustStore == null ? null : MailboxTrust.of(mailboxTrustStore, trustStore,
                    mailboxTrustStoreCredentialsId == null ? null : credentials.secretText(
                            "mailboxTrustStoreCredentialsId", mailboxTrustStoreCredentialsId, "the mailbox trust store's password"));
            settings.secret(password).mailbox(MailboxUri.open(mailbox, MailboxAccess.login(
                    login == null ? null : login.getUsername(), password).trust(trust).plaintext(mailboxPlaintext)));
        }
        if (loginCredentialsId != null) {
            StandardUsernamePasswordCredentials user = credentials.usernamePassword("loginCredentialsId", loginCredentialsId, "the test user's login");
            settings.login(user.getUsername(), user.getPassword().getPlainText());
        }
        if (expiredTokenCredentialsId != null) {
            settings.override("expiredToken", credentials.secretText("expiredTokenCredentialsId", expiredTokenCredentialsId, "an expired sign-in token"));
        }
        return settings;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /** Runs the flow off the CPS thread; the HTTP calls and the mailbox wait are blocking I/O. */
    static final class Execution extends BackgroundExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient SmokeAuthFlowStep step;

        Execution(StepContext context, SmokeAuthFlowStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected String afterRestart() {
            return STEP + ": a Jenkins restart cut off the smoke run, so none of its checks counts: the service was"
                    + " only read from, nothing needs undoing. Run smokeAuthFlow again.";
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            TaskListener listener = getContext().get(TaskListener.class);
            try {
                SmokeSettings settings = step.settings(new BuildCredentials(getContext().get(Run.class)), trustStore())
                        .http(JenkinsHttp.client()); // the calls to the service go through Jenkins' proxy
                SmokeReport report;
                try {
                    report = new SmokeAuthFlow(settings, ProgressLog.to(listener.getLogger()), Sleeper.real()).run();
                } catch (SmokeRunStopped stopped) { // aborted: the checks that ran are still written
                    writeReport(stopped.report(), listener);
                    throw stopped;
                }
                writeReport(report, listener);
                StepVerdicts.add(getContext(), () -> GateVerdicts.of(report));
                report.requirePassed();
                return report.toMap();
            } catch (RuntimeException e) {
                Throwable mapped = StepFailures.forJenkins(STEP, e);
                throw mapped instanceof AbortException ? (AbortException) mapped : e;
            }
        }

        /** {@code mailboxTrustStore}, read from the workspace (on the agent), or null when none is given. */
        private byte[] trustStore() throws Exception {
            if (step.mailboxTrustStore == null) {
                return null;
            }
            FilePath workspace = getContext().get(FilePath.class);
            ConfigurationException.require(workspace != null, "mailboxTrustStore '" + step.mailboxTrustStore
                    + "' is a workspace file, but the step ran outside a node block: run it inside node {}.");
            return workspace.act(new ReadWorkspaceFile("mailboxTrustStore", step.mailboxTrustStore, TRUST_STORE_BYTES));
        }

        private void writeReport(SmokeReport report, TaskListener listener) throws Exception {
            FilePath workspace = getContext().get(FilePath.class);
            if (step.reportDir == null || workspace == null) {
                listener.getLogger().println("[smokeAuthFlow] no report written: " + (step.reportDir == null
                        ? "reportDir is empty." : "the step ran outside a node block, so there is no workspace."));
                return;
            }
            List<String> written = workspace.act(new WriteReportFiles(step.reportDir, report.files()));
            listener.getLogger().println("[smokeAuthFlow] report: " + String.join(", ", written)
                    + " (archive it with junit '" + step.reportDir + "/" + SmokeReport.JUNIT_FILE + "')");
        }
    }

    @Extension
    @Symbol(STEP)
    public static final class DescriptorImpl extends StepDescriptor {
        /** The form's one-per-line text fields become the lists they edit (see {@link ListText}). */
        @Override
        public Step newInstance(StaplerRequest2 request, JSONObject form) throws FormException {
            return super.newInstance(request, ListText.listsFromForm(form, "overrides", "allowedLinkHosts", "warnOnly"));
        }

        @Override
        public String getFunctionName() {
            return STEP;
        }

        @Override
        public String getDisplayName() {
            return "Smoke-test the login flow (magic link or password) of a deployed service";
        }

        /** Run for credentials, TaskListener for the log; a workspace is used for reports when there is one. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @POST
        public FormValidation doCheckBaseUrl(@QueryParameter String value) {
            return form(StepFailures.check(() -> SmokeSettings.checkBaseUrl(value)));
        }

        @POST
        public FormValidation doCheckEmail(@QueryParameter String value) {
            return form(StepFailures.check(() -> SmokeSettings.checkEmail(value)));
        }

        @POST
        public FormValidation doCheckMailbox(@QueryParameter String value) {
            return form(value == null || value.isBlank() ? null : StepFailures.check(() -> MailboxUri.check(value)));
        }

        @POST
        public FormValidation doCheckAllowedLinkHosts(@QueryParameter String value) {
            return form(StepFailures.check(() -> ListText.split(value).forEach(SmokeSettings::checkLinkHost)));
        }

        @POST
        public FormValidation doCheckPlusTag(@QueryParameter String value) {
            return form(StepFailures.check(() -> SmokeSettings.tagFor(value)));
        }

        @POST
        public FormValidation doCheckFlow(@QueryParameter String value) {
            return form(value == null || value.isBlank() ? null : StepFailures.check(() -> FlowDefinition.builtIn(value.trim())));
        }

        @POST
        public FormValidation doCheckOverrides(@QueryParameter String value) {
            return form(StepFailures.check(() -> SmokeSettings.parseOverrides(ListText.split(value))));
        }

        @POST
        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return form(StepFailures.check(() -> Durations.parse("timeout", value)));
        }

        private static FormValidation form(String error) {
            return error == null ? FormValidation.ok() : FormValidation.error(error);
        }

        @POST
        public ListBoxModel doFillMailboxCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String mailboxCredentialsId) {
            return CredentialsDropDown.items(item, mailboxCredentialsId, StandardUsernamePasswordCredentials.class);
        }

        @POST
        public ListBoxModel doFillLoginCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String loginCredentialsId) {
            return CredentialsDropDown.items(item, loginCredentialsId, StandardUsernamePasswordCredentials.class);
        }

        @POST
        public ListBoxModel doFillMailboxTrustStoreCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String mailboxTrustStoreCredentialsId) {
            return CredentialsDropDown.items(item, mailboxTrustStoreCredentialsId, StringCredentials.class);
        }

        @POST
        public ListBoxModel doFillExpiredTokenCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String expiredTokenCredentialsId) {
            return CredentialsDropDown.items(item, expiredTokenCredentialsId, StringCredentials.class);
        }
    }
}
