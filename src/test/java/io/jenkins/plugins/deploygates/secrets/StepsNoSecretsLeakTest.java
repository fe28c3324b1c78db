package io.jenkins.plugins.deploygates.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.util.Secret;
import io.jenkins.plugins.deploygates.demo.AuthBreakage;
import io.jenkins.plugins.deploygates.demo.DemoAuthService;
import io.jenkins.plugins.deploygates.engine.railway.FakeRailway;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeFixture;
import io.jenkins.plugins.deploygates.steps.FakeStepContext;
import io.jenkins.plugins.deploygates.steps.RailwayUpStep;
import io.jenkins.plugins.deploygates.steps.SmokeAuthFlowStep;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import standin.StandInCredentialStore;

/**
 * The Jenkins adapters of railwayUp and smokeAuthFlow, through the StepContext double, with secrets in their
 * credentials: none may reach the console, the message the build fails with, or a file in the workspace.
 */
class StepsNoSecretsLeakTest {
    private static final String RAILWAY_TOKEN = FakeRailway.PROJECT_TOKEN;
    private static final Pattern LINK = Pattern.compile("(http://\\S+token=([0-9a-f]+))");

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = SmokeFixture.greenMail();

    @TempDir
    Path workspace;
    private DemoAuthService service;

    @BeforeEach
    void setUp() {
        SmokeFixture.addMailboxUser(GREEN_MAIL);
        StandInCredentialStore.add(secretText("railway-token", RAILWAY_TOKEN));
        StandInCredentialStore.add(new StandardUsernamePasswordCredentials() {
            @Override public String getId() { return "smoke-inbox"; }
            @Override public String getDescription() { return "test"; }
            @Override public String getUsername() { return SmokeFixture.MAILBOX_USER; }
            @Override public Secret getPassword() { return Secret.fromString(SmokeFixture.MAILBOX_PASSWORD); }
        });
    }

    @AfterEach
    void tearDown() {
        StandInCredentialStore.clear();
        if (service != null) {
            service.close();
        }
    }

    private static StringCredentials secretText(String id, String value) {
        return new StringCredentials() {
            @Override public String getId() { return id; }
            @Override public String getDescription() { return "test"; }
            @Override public Secret getSecret() { return Secret.fromString(value); }
        };
    }

    /** Runs the step to its end; returns what it failed with, or null. */
    private static Throwable run(org.jenkinsci.plugins.workflow.steps.Step step, FakeStepContext context)
            throws Exception {
        step.start(context).start();
        return catchThrowable(() -> context.result(30));
    }

    private void assertNoSecret(String what, FakeStepContext context, Throwable failure, List<String> secrets)
            throws Exception {
        List<String> texts = new ArrayList<>(List.of(context.console(), failure == null ? "" : failure.getMessage()));
        try (Stream<Path> files = Files.walk(workspace)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/app/")).toList()) {
                texts.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        for (String text : texts) {
            for (String secret : secrets) {
                assertThat(text).as(what).doesNotContain(secret);
            }
        }
    }

    private RailwayUpStep railwayUp(FakeRailway fake) {
        RailwayUpStep step = new RailwayUpStep("api");
        step.setEnvironment("production");
        step.setPath("app");
        step.setCredentialsId("railway-token");
        step.setApiUrl(fake.url());
        step.setPollInterval("10ms");
        return step;
    }

    @Test
    void railwayUpShowsTheTokenNowhere() throws Exception {
        Files.createDirectories(workspace.resolve("app"));
        Files.writeString(workspace.resolve("app/index.js"), "listen()");
        try (FakeRailway fake = new FakeRailway()) {
            fake.next(FakeRailway.script().statuses("BUILDING", "SUCCESS").buildLogs("token " + RAILWAY_TOKEN));
            FakeStepContext passed = new FakeStepContext().withWorkspace(workspace.toFile()).with(EnvVars.class, new EnvVars());
            Throwable none = run(railwayUp(fake), passed);
            fake.next(FakeRailway.script().statuses("BUILDING", "CRASHED").deployLogs("auth " + RAILWAY_TOKEN + " failed"));
            FakeStepContext crashed = new FakeStepContext().withWorkspace(workspace.toFile()).with(EnvVars.class, new EnvVars());
            Throwable crash = run(railwayUp(fake), crashed);
            fake.inject("ProjectToken", new MockResponse().setBody(
                    "{\"data\":null,\"errors\":[{\"message\":\"Project Token not found: " + RAILWAY_TOKEN + "\"}]}"));
            FakeStepContext refused = new FakeStepContext().withWorkspace(workspace.toFile()).with(EnvVars.class, new EnvVars());
            Throwable refusal = run(railwayUp(fake), refused);

            assertThat(none).as(passed.console()).isNull();
            assertThat(crash).isInstanceOf(AbortException.class).hasMessageContaining("CRASHED");
            assertThat(refusal).isInstanceOf(AbortException.class).hasMessageContaining("does not know this project token");
            assertThat(crashed.console()).contains("auth **** failed");
            assertNoSecret("passed", passed, none, List.of(RAILWAY_TOKEN));
            assertNoSecret("crashed", crashed, crash, List.of(RAILWAY_TOKEN));
            assertNoSecret("refused", refused, refusal, List.of(RAILWAY_TOKEN));
        }
    }

    private SmokeAuthFlowStep smoke(AuthBreakage... broken) throws Exception {
        if (service != null) {
            service.close();
        }
        service = SmokeFixture.service(GREEN_MAIL, Clock.systemUTC(), Duration.ofSeconds(1), broken);
        SmokeAuthFlowStep step = new SmokeAuthFlowStep(service.baseUrl(), SmokeFixture.ADDRESS);
        step.setMailbox(SmokeFixture.imapUri(GREEN_MAIL));
        step.setMailboxCredentialsId("smoke-inbox");
        step.setMailboxPlaintext(true); // GreenMail offers no STARTTLS
        step.setPlusTag(SmokeFixture.TAG);
        step.setTimeout("3s");
        return step;
    }

    /** Adds the links mailed so far to the secrets, then empties the inbox so the next run reads its own. */
    private static void learnLinks(List<String> secrets) throws Exception {
        for (MimeMessage m : GREEN_MAIL.getReceivedMessages()) {
            Matcher link = LINK.matcher(m.getContent().toString());
            while (link.find()) {
                secrets.add(link.group(1));
                secrets.add(link.group(2));
            }
        }
        GREEN_MAIL.purgeEmailFromAllMailboxes();
    }

    @Test
    void smokeAuthFlowShowsNoPasswordLinkOrSession() throws Exception {
        FakeStepContext passed = new FakeStepContext().withWorkspace(workspace.toFile());
        SmokeAuthFlowStep ok = smoke();
        ok.setOverrides(List.of("rateLimitRequests=20"));
        Throwable none = run(ok, passed);
        List<String> secrets = new ArrayList<>(List.of(SmokeFixture.MAILBOX_PASSWORD));
        learnLinks(secrets);
        FakeStepContext failed = new FakeStepContext().withWorkspace(workspace.toFile());
        Throwable failure = run(smoke(AuthBreakage.LOGOUT_KEEPS_SESSION), failed);

        assertThat(none).as(passed.console()).isNull();
        assertThat(failure).isInstanceOf(AbortException.class).hasMessageContaining("logout invalidates session");
        learnLinks(secrets);
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(5);
        assertNoSecret("passed", passed, none, secrets);
        assertNoSecret("failed", failed, failure, secrets);
        assertThat(passed.console() + failed.console() + failure.getMessage())
                .doesNotContainPattern(NoSecretsLeakTest.HEX_SECRET);
        assertThat(Files.readString(workspace.resolve("smoke-auth/smoke-auth.json"))).doesNotContainPattern(
                NoSecretsLeakTest.HEX_SECRET);
    }
}
