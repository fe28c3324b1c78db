package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import hudson.AbortException;
import hudson.util.Secret;
import io.jenkins.plugins.deploygates.demo.AuthBreakage;
import io.jenkins.plugins.deploygates.demo.DemoAuthService;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import standin.StandInCredentialStore;

/** The smokeAuthFlow step's adapter through a StepContext double, against the example service and GreenMail. */
class SmokeAuthFlowStepTest {
    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = SmokeFixture.greenMail();

    @TempDir
    Path workspace;
    private DemoAuthService service;

    @BeforeEach
    void setUp() {
        SmokeFixture.addMailboxUser(GREEN_MAIL);
        StandInCredentialStore.add(usernamePassword("smoke-inbox", SmokeFixture.MAILBOX_USER, SmokeFixture.MAILBOX_PASSWORD));
    }

    @AfterEach
    void tearDown() {
        StandInCredentialStore.clear();
        if (service != null) {
            service.close();
        }
    }

    private static StandardUsernamePasswordCredentials usernamePassword(String id, String user, String password) {
        return new StandardUsernamePasswordCredentials() {
            @Override public String getId() { return id; }
            @Override public String getDescription() { return "test"; }
            @Override public String getUsername() { return user; }
            @Override public Secret getPassword() { return Secret.fromString(password); }
        };
    }

    private static StringCredentials secretText(String id, String value) {
        return new StringCredentials() {
            @Override public String getId() { return id; }
            @Override public String getDescription() { return "test"; }
            @Override public Secret getSecret() { return Secret.fromString(value); }
        };
    }

    private SmokeAuthFlowStep step(AuthBreakage... broken) throws Exception {
        service = SmokeFixture.service(GREEN_MAIL, Clock.systemUTC(), Duration.ofSeconds(1), broken);
        SmokeAuthFlowStep step = new SmokeAuthFlowStep(service.baseUrl(), SmokeFixture.ADDRESS);
        step.setMailbox("imap://127.0.0.1:" + GREEN_MAIL.getImap().getPort() + "/INBOX");
        step.setMailboxCredentialsId("smoke-inbox");
        step.setPlusTag(SmokeFixture.TAG);
        step.setTimeout("3s");
        return step;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(SmokeAuthFlowStep step, FakeStepContext context) throws Throwable {
        step.start(context).start();
        return (Map<String, Object>) context.result(30);
    }

    @Test
    void returnsEveryCheckAndWritesJUnitIntoTheWorkspace() throws Throwable {
        FakeStepContext context = new FakeStepContext().withWorkspace(workspace.toFile());
        SmokeAuthFlowStep step = step();
        String expired = service.issueExpiredToken(SmokeFixture.RUN_ADDRESS);
        StandInCredentialStore.add(secretText("expired-token", expired));
        step.setExpiredTokenCredentialsId("expired-token");

        Map<String, Object> result = run(step, context);

        assertThat(result).containsEntry("passed", true).containsEntry("email", SmokeFixture.RUN_ADDRESS);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> checks = (Map<String, Map<String, Object>>) result.get("checks");
        assertThat(checks).hasSize(9).containsKey("expired token rejected");
        assertThat(checks.get("token verified")).containsEntry("status", 302).containsEntry("outcome", "PASSED");
        String junit = Files.readString(workspace.resolve("smoke-auth/smoke-auth-junit.xml"));
        assertThat(junit).contains("tests=\"9\" failures=\"0\"").contains("name=\"rate limit present\"");
        assertThat(context.console()).contains("PASSED email received").contains("[smokeAuthFlow] report: smoke-auth/")
                .doesNotContain(SmokeFixture.MAILBOX_PASSWORD).doesNotContain(expired);
        assertThat(junit + Files.readString(workspace.resolve("smoke-auth/smoke-auth.json"))).doesNotContain(expired);
    }

    @Test
    void aFailedCheckFailsTheBuildNamingItAndStillWritesTheReport() throws Exception {
        FakeStepContext context = new FakeStepContext().withWorkspace(workspace.toFile());

        assertThatThrownBy(() -> run(step(AuthBreakage.REUSED_LINK_ACCEPTED), context))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("smokeAuthFlow: smoke test of " + service.baseUrl() + " failed 1 of 8 checks: "
                        + "reused link rejected (GET " + service.baseUrl() + "/api/auth/verify?token=**** answered 302");
        assertThat(Files.readString(workspace.resolve("smoke-auth/smoke-auth-junit.xml"))).contains("failures=\"1\"");
    }

    @Test
    void thePasswordFlowTakesTheTestUserFromCredentials() throws Throwable {
        SmokeAuthFlowStep step = step();
        service.addUser("user@example.test", "s3cret-login-pw");
        StandInCredentialStore.add(usernamePassword("test-user", "user@example.test", "s3cret-login-pw"));
        step.setMailbox(null);
        step.setFlow("password");
        step.setLoginCredentialsId("test-user");
        FakeStepContext context = new FakeStepContext();

        Map<String, Object> result = run(step, context);

        assertThat(result).containsEntry("passed", true).containsEntry("flow", "password");
        assertThat(context.console()).contains("no report written: the step ran outside a node block")
                .doesNotContain("s3cret-login-pw");
    }

    @Test
    void anUnknownCredentialIsOneSentenceNamingTheParameter() throws Exception {
        SmokeAuthFlowStep step = step();
        step.setMailboxCredentialsId("nope");

        assertThatThrownBy(() -> run(step, new FakeStepContext())).isInstanceOf(AbortException.class)
                .hasMessage("smokeAuthFlow: mailboxCredentialsId 'nope' is not a Username with password credential: "
                        + "add one with that ID or fix the ID.");
    }

    @Test
    void badOverridesAndFlowsAreConfigurationErrors() throws Exception {
        SmokeAuthFlowStep step = step();
        step.setOverrides(List.of("mePath"));
        assertThatThrownBy(() -> run(step, new FakeStepContext()))
                .hasMessage("smokeAuthFlow: overrides line 'mePath' is not name=value: write it like mePath=/api/v2/me.");

        step.setOverrides(List.of());
        step.setFlowJson("{\"name\": \"x\", \"checks\": [{\"nme\": 1}]}");
        assertThatThrownBy(() -> run(step, new FakeStepContext())).isInstanceOf(AbortException.class)
                .hasMessage("smokeAuthFlow: flowJson is not a valid flow (unknown field 'nme' in checks[0]; the fields"
                        + " there are after, name, runIf, steps): compare it with the built-in magic-link flow.");
    }

    @Test
    void theFormChecksUseTheRuntimeValidators() {
        SmokeAuthFlowStep.DescriptorImpl d = new SmokeAuthFlowStep.DescriptorImpl();
        assertThat(d.doCheckBaseUrl("https://staging.example.com").getMessage()).isNull();
        assertThat(d.doCheckBaseUrl("staging").getMessage()).startsWith("baseUrl 'staging' is not an http(s) URL");
        assertThat(d.doCheckEmail("smoke@example.com").getMessage()).isNull();
        assertThat(d.doCheckEmail("smoke").renderHtml()).startsWith("<div class=\"error\">");
        assertThat(d.doCheckMailbox("maildev+http://127.0.0.1:1080").getMessage()).isNull();
        assertThat(d.doCheckMailbox("pop3://x@y").getMessage()).contains("unknown scheme");
        assertThat(d.doCheckFlow("password").getMessage()).isNull();
        assertThat(d.doCheckFlow("oauth").getMessage()).startsWith("flow 'oauth' is not a built-in flow");
        assertThat(d.doCheckTimeout("30").getMessage()).contains("has no unit");
        assertThat(d.getFunctionName()).isEqualTo("smokeAuthFlow");
    }
}
