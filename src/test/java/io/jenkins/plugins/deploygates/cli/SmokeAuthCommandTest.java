package io.jenkins.plugins.deploygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.jenkins.plugins.deploygates.demo.AuthBreakage;
import io.jenkins.plugins.deploygates.demo.DemoAuthService;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code smoke-auth} end to end: the example service, GreenMail's IMAP, every exit code. */
class SmokeAuthCommandTest {
    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = SmokeFixture.greenMail();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private DemoAuthService service;

    @BeforeEach
    void setUp() {
        SmokeFixture.addMailboxUser(GREEN_MAIL);
        SmokeAuthCommand.environment = name -> name.equals("SMOKE_MAILBOX_PASSWORD") ? SmokeFixture.MAILBOX_PASSWORD : null;
    }

    @AfterEach
    void tearDown() {
        SmokeAuthCommand.environment = System::getenv;
        if (service != null) {
            service.close();
        }
    }

    private int run(String... args) {
        return DeployGatesCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    /** The command really waits out Retry-After: the service's window is one second of the real clock. */
    private String[] args(AuthBreakage... broken) throws Exception {
        service = SmokeFixture.service(GREEN_MAIL, Clock.systemUTC(), Duration.ofSeconds(1), broken);
        return new String[] {"smoke-auth", "--base-url", service.baseUrl(), "--email", SmokeFixture.ADDRESS,
            "--plus-tag", SmokeFixture.TAG, "--timeout", "20s"};
    }

    private String[] argsWithMailbox(AuthBreakage... broken) throws Exception {
        // GreenMail offers no STARTTLS: these loopback runs accept clear text, as a user must say explicitly
        return plus(args(broken), "--mailbox", SmokeFixture.imapUri(GREEN_MAIL), "--mailbox-plaintext");
    }

    private static String[] plus(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exitsZeroAndWritesReportsWhenEveryCheckPasses(@TempDir Path dir) throws Exception {
        int code = run(plus(argsWithMailbox(), "--report-dir", dir.toString(), "--set", "rateLimitRequests=20"));

        assertThat(code).as(stderr() + out).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("PASSED link requested").contains("PASSED rate limit present");
        assertThat(Files.readString(dir.resolve("smoke-auth-junit.xml"))).contains("tests=\"10\" failures=\"0\"");
        assertThat(Files.readString(dir.resolve("smoke-auth.json"))).contains("\"passed\" : true");
    }

    @Test
    void exitsOneNamingTheFailedCheck() throws Exception {
        int code = run(argsWithMailbox(AuthBreakage.LOGOUT_KEEPS_SESSION));

        assertThat(code).isEqualTo(1);
        assertThat(stderr()).startsWith("smoke-auth: smoke test of http://127.0.0.1:")
                .contains("failed 1 of 10 checks: logout invalidates session (GET ").doesNotContain("\tat ");
        assertThat(stderr().trim().lines()).hasSize(1);
        String everything = out.toString(StandardCharsets.UTF_8) + stderr();
        assertThat(everything).doesNotContain(SmokeFixture.MAILBOX_PASSWORD).doesNotContainPattern("[0-9a-f]{32,}")
                .contains("token=****");
    }

    @Test
    void exitsTwoForABadMailboxUri() throws Exception {
        int code = run(plus(args(), "--mailbox", "pop3://me@host/INBOX"));

        assertThat(code).isEqualTo(2);
        assertThat(stderr().trim()).isEqualTo("smoke-auth: mailbox 'pop3://me@host/INBOX' has an unknown scheme: write "
                + "imap://user@host:port/INBOX, imaps://user@host/INBOX, mailpit+http://host:port or maildev+http://host:port.");
    }

    @Test
    void exitsTwoForAPasswordInTheMailboxUriWithoutShowingIt() {
        int code = run("smoke-auth", "--base-url", "http://127.0.0.1:1", "--email", "a@b.test",
                "--mailbox", "imap://me:hunter22@127.0.0.1:1/INBOX");

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("mailbox URI holds a password").doesNotContain("hunter22");
    }

    @Test
    void exitsTwoForAMissingFlowFileAndABadDuration() {
        assertThat(run("smoke-auth", "--base-url", "http://127.0.0.1:1", "--email", "a@b.test",
                "--flow", "/nonexistent/flow.json")).isEqualTo(2);
        assertThat(stderr()).contains("flow file '/nonexistent/flow.json' does not exist");
        assertThat(run("smoke-auth", "--base-url", "http://x", "--email", "a@b.test", "--timeout", "5")).isEqualTo(2);
        assertThat(stderr()).contains("'5' is not a duration").doesNotContain("\tat ");
    }

    @Test
    void exitsTwoWhenThePasswordFlowHasNoPassword() {
        int code = run("smoke-auth", "--base-url", "http://127.0.0.1:1", "--email", "a@b.test", "--flow", "password");

        assertThat(code).isEqualTo(2);
        assertThat(stderr().trim()).isEqualTo("smoke-auth: loginCredentialsId is missing: the password flow needs the test "
                + "user's login (command line: --username and SMOKE_LOGIN_PASSWORD).");
    }

    @Test
    void exitsTwoBeforeAnyCheckWhenTheReportDirectoryCannotBeWritten(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        int code = run(plus(argsWithMailbox(), "--report-dir", file.resolve("reports").toString()));

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).isEqualTo("smoke-auth: --report-dir '" + file.resolve("reports") + "' cannot be created ('"
                + file + "' is a file): give a folder you can write to." + System.lineSeparator());
        assertThat(GREEN_MAIL.getReceivedMessages()).as("no check ran, so no link was mailed").isEmpty();
    }

    @Test
    void aFlowFileReplacesTheBuiltInFlow(@TempDir Path dir) throws Exception {
        Path flow = dir.resolve("flow.json");
        Files.writeString(flow, "{\"name\": \"health-only\", \"checks\": [{\"name\": \"health\", \"steps\": "
                + "[{\"url\": \"{{baseUrl}}/health\", \"expect\": \"200\", "
                + "\"extract\": [{\"var\": \"status\", \"from\": \"json\", \"path\": \"$.status\", \"secret\": false}]}]}]}");
        int code = run(plus(args(), "--flow", flow.toString()));

        assertThat(code).as(stderr()).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("flow health-only").contains("PASSED health");
    }

    /** Issue 16, point 7: --plus-tag none meant "smoke+none@" on the command line. */
    @Test
    void plusTagNoneUsesTheAddressAsGiven() throws Exception {
        GREEN_MAIL.setUser(SmokeFixture.ADDRESS, SmokeFixture.MAILBOX_USER + "2", SmokeFixture.MAILBOX_PASSWORD);
        String[] args = args();
        args[args.length - 3] = "none"; // the value of --plus-tag
        int code = run(plus(args, "--mailbox", "imap://" + SmokeFixture.MAILBOX_USER + "2@127.0.0.1:"
                + GREEN_MAIL.getImap().getPort() + "/INBOX", "--mailbox-plaintext"));

        assertThat(code).as(stderr() + out).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(" as smoke@example.test,")
                .contains("note: smoke@example.test has no per-run tag").doesNotContain("smoke+none@");
    }

    /** Issue 16, point 7: the expired fixture token could only be given on the command line, visible in ps. */
    @Test
    void theExpiredTokenComesFromTheEnvironment() throws Exception {
        String[] args = argsWithMailbox();
        String expired = service.issueExpiredToken(SmokeFixture.RUN_ADDRESS);
        SmokeAuthCommand.environment = name -> name.equals("SMOKE_MAILBOX_PASSWORD") ? SmokeFixture.MAILBOX_PASSWORD
                : name.equals("SMOKE_EXPIRED_TOKEN") ? expired : null;

        int code = run(args);

        assertThat(code).as(stderr() + out).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("PASSED expired token rejected").doesNotContain(expired);
    }

    /** Issue 16, point 4: a missing mailbox password is exit 2, before anything is requested. */
    @Test
    void aMissingMailboxPasswordIsExitTwoBeforeAnyRequest() throws Exception {
        SmokeAuthCommand.environment = name -> null;

        int code = run(argsWithMailbox());

        assertThat(code).isEqualTo(2);
        assertThat(stderr().trim()).isEqualTo("smoke-auth: the password of mailbox '" + SmokeFixture.imapUri(GREEN_MAIL)
                + "' is missing: give it with mailboxCredentialsId (command line: SMOKE_MAILBOX_PASSWORD).");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aMissingTrustStoreIsExitTwo() throws Exception {
        int code = run(plus(argsWithMailbox(), "--mailbox-trust-store", "/nonexistent/mail.pem"));

        assertThat(code).isEqualTo(2);
        assertThat(stderr().trim()).isEqualTo("smoke-auth: mailbox trust store '/nonexistent/mail.pem' does not exist:"
                + " give the server's certificate (PEM) or a trust store with mailboxTrustStore (command line:"
                + " --mailbox-trust-store).");
    }

    @Test
    void aWarnOnlyCheckKeepsTheExitCodeZero() throws Exception {
        int code = run(plus(argsWithMailbox(AuthBreakage.RETRY_AFTER_TOO_SHORT), "--warn-only", "Retry-After honoured"));

        assertThat(code).as(stderr() + out).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("WARNED Retry-After honoured");
        assertThat(run(plus(argsWithMailbox(), "--warn-only", "retry after"))).isEqualTo(2);
        assertThat(stderr()).contains("warnOnly check 'retry after' is not a check of flow 'magic-link': use one of [");
    }

    @Test
    void aBadAllowedLinkHostIsExitTwo() throws Exception {
        assertThat(run(plus(argsWithMailbox(), "--allow-link-host", "https://click.example.com/c"))).isEqualTo(2);
        assertThat(stderr()).contains("allowed link host 'https://click.example.com/c' is not a host name: write it like"
                + " click.example.com or click.example.com:8443");
    }
}
