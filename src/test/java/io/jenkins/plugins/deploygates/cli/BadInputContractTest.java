package io.jenkins.plugins.deploygates.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jenkins.plugins.deploygates.engine.docker.FakeDocker;
import io.jenkins.plugins.deploygates.engine.railway.FakeRailway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line's promise for bad input, over every sub-command: exit 0, 1 or 2 as the row says, and for 1 and
 * 2 exactly one sentence on stderr that starts with the command's name, never exit 3, a stack trace, a Java class
 * name, a mask where no secret was given (the redactor once printed "should be in KEY=**** format") or a secret.
 * Everything runs against loopback doubles (the fake Railway and docker, closed ports), in this JVM.
 */
class BadInputContractTest {
    private static final String TOKEN = "tok-9f8e7d6c5b4a";
    /** Far above what any row needs (the slowest waits out a 2 s timeout), for a loaded machine. */
    private static final Duration ROW_BOUND = Duration.ofMinutes(2);

    @TempDir
    static Path dir;
    private static FakeRailway railway;
    private static FakeDocker docker;
    private static Path app;
    private static Path aFile;

    /** One kind of bad input. {@code says}: part of the sentence; {@code secret}: a value that must not be printed. */
    record Row(String kind, int exit, List<String> args, Map<String, String> env, String says, String secret) {
        Row says(String text) {
            return new Row(kind, exit, args, env, text, secret);
        }

        Row env(Map<String, String> environment) {
            return new Row(kind, exit, args, environment, says, secret);
        }

        Row secret(String value) {
            return new Row(kind, exit, args, env, says, value);
        }

        /** The name stderr starts with: the sub-command's, or the tool's when there is none. */
        String command() {
            boolean known = !args.isEmpty()
                    && DeployGatesCli.commandLine(System.out, System.err).getSubcommands().containsKey(args.get(0));
            return known ? args.get(0) : "deploy-gates";
        }
    }

    private static Row row(String kind, int exit, String... args) {
        return new Row(kind, exit, List.of(args), Map.of(), null, null);
    }

    @BeforeAll
    static void fixtures() throws Exception {
        railway = new FakeRailway();
        docker = new FakeDocker(dir.resolve("docker"));
        app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("index.js"), "listen()");
        aFile = Files.writeString(dir.resolve("a-file"), "not a folder");
        Files.writeString(dir.resolve("flow-of-the-wrong-shape.json"), "{\"name\": \"x\", \"checks\": \"all\"}");
        Files.createDirectories(dir.resolve("corrupt"));
        Files.writeString(dir.resolve("corrupt/health-gate.json"), "{\"kind\": \"healthGate\", \"verdict\": ");
        Files.createDirectories(dir.resolve("no-records"));
        Files.writeString(dir.resolve("no-records/notes.txt"), "nothing to report");
    }

    @AfterAll
    static void close() throws IOException {
        railway.close();
    }

    private static String path(String name) {
        return dir.resolve(name).toString();
    }

    private static List<Row> rows() {
        String closed = "http://127.0.0.1:1/health";
        Map<String, String> token = Map.of("RAILWAY_TOKEN", FakeRailway.PROJECT_TOKEN);
        Map<String, String> fakeDocker = docker.env();
        Map<String, String> daemonDown = new HashMap<>(docker.env());
        daemonDown.put("FAKE_DOCKER_MODE", "daemon-down");
        String[] dockerProject = {"--workdir", docker.project.toString(), "-p", "shop"};
        List<Row> rows = new ArrayList<>(List.of(
                row("no sub-command", 2).says("Missing required subcommand"),
                row("unknown sub-command", 2, "helth-gate").says("'helth-gate'"),
                row("unknown option", 2, "health-gate", "--url", closed, "--tokn", "abc").says("'--tokn'"),
                row("unknown option holding a secret", 2, "health-gate", "--url", closed, "--password=hunter2x")
                        .says("'--password=****'").secret("hunter2x"),
                row("stray argument that is the token", 2, "railway-up", "--service", "api", "--api-url",
                        railway.url(), TOKEN)
                        .env(Map.of("RAILWAY_TOKEN", TOKEN)).secret(TOKEN),
                row("missing required flag", 2, "health-gate").says("Missing required option: '--url=URL'"),
                row("flag without its value", 2, "health-gate", "--url").says("Missing required parameter"),
                row("repeated single flag", 2, "health-gate", "--url", closed, "--timeout", "1s", "--timeout", "2s")
                        .says("should be specified only once"),
                row("mutually exclusive flags", 2, "docker-rebuild", "--cache", "--no-cache")
                        .says("mutually exclusive"),
                row("URL without scheme", 2, "health-gate", "--url", "localhost/health").says("not a usable address"),
                row("URL of another scheme", 2, "health-gate", "--url", "ftp://example.com/health"),
                row("URL that is only a scheme", 2, "health-gate", "--url", "http://"),
                row("duration without unit", 2, "health-gate", "--url", closed, "--interval", "10")
                        .says("'10' is not a duration"),
                row("duration that is a word", 2, "demo", "--healthy-after", "soon").says("'soon' is not a duration"),
                row("negative duration", 2, "health-gate", "--url", closed, "--timeout", "-5s"),
                row("zero interval", 2, "railway-up", "--service", "api", "--path", app.toString(), "--path-as-root", "--poll-interval",
                        "0s", "--api-url", railway.url()).env(token).says("pollInterval"),
                row("number that is a word", 2, "health-gate", "--url", closed, "--success-threshold", "many"),
                row("zero threshold", 2, "health-gate", "--url", closed, "--success-threshold", "0"),
                row("fraction out of range", 2, "health-gate", "--url", closed, "--max-error-rate", "2"),
                row("bad JSONPath", 2, "health-gate", "--url", closed, "--expect-json", "$.a.. == 1"),
                row("header without a colon", 2, "health-gate", "--url", closed, "--header", "NoColon"),
                row("status range that is a word", 2, "health-gate", "--url", closed, "--expect-status", "abc"),
                row("initial delay beyond the timeout", 2, "health-gate", "--url", closed, "--initial-delay", "10s",
                        "--timeout", "2s"),
                row("attempt timeout beyond the timeout", 2, "health-gate", "--url", closed, "--attempt-timeout", "1m",
                        "--timeout", "2s"),
                row("unreachable host", 1, "health-gate", "--url", closed, "--interval", "50ms", "--timeout", "300ms")
                        .says("not healthy within 300ms"),
                row("host that does not resolve", 1, "health-gate", "--url", "http://no-such-host.invalid/health",
                        "--interval", "50ms", "--timeout", "300ms"),
                row("report folder that is a file", 2, "health-gate", "--url", closed, "--report-dir",
                        aFile.toString()).says("is a file, not a folder"),
                row("report folder under a file", 2, "health-gate", "--url", closed, "--report-dir",
                        aFile.resolve("reports").toString()).says("cannot be created ('" + aFile + "' is a file)"),
                row("no token", 2, "railway-up", "--service", "api", "--path", app.toString(), "--path-as-root", "--api-url",
                        railway.url())
                        .says("No Railway token"),
                row("empty token", 2, "railway-up", "--service", "api", "--path", app.toString(), "--path-as-root", "--api-url",
                        railway.url())
                        .env(Map.of("RAILWAY_TOKEN", "")).says("No Railway token"),
                row("blank token", 2, "railway-rollback", "--service", "api", "--api-url", railway.url())
                        .env(Map.of("RAILWAY_API_TOKEN", "   ")).says("No Railway token"),
                row("missing folder to deploy", 2, "railway-up", "--service", "api", "--path", path("nope"), "--api-url",
                        railway.url()).env(token).says("is not a directory"),
                row("API URL that is not a URL", 2, "railway-up", "--service", "api", "--path", app.toString(), "--path-as-root",
                        "--api-url", "not a url").env(token).says("apiUrl"),
                row("unreachable Railway", 1, "railway-up", "--service", "api", "--path", app.toString(),
                        "--path-as-root", "--api-url", "http://127.0.0.1:1", "--timeout", "2s")
                        .env(token).secret(FakeRailway.PROJECT_TOKEN),
                row("unknown environment", 2, "railway-rollback", "--service", "api", "--environment", "staging",
                        "--api-url", railway.url(), "--to", "dep-x").env(token).secret(FakeRailway.PROJECT_TOKEN),
                row("Railway record folder that is a file", 2, "railway-up", "--service", "api", "--path",
                        app.toString(), "--api-url", railway.url(), "--report-dir", aFile.toString()).env(token),
                row("docker not installed", 2, concat(new String[] {"docker-rebuild"}, dockerProject))
                        .env(Map.of("PATH", path("empty-bin"))).says("docker"),
                row("daemon down", 2, concat(new String[] {"docker-rebuild"}, dockerProject)).env(daemonDown),
                row("compose folder that does not exist", 2, "docker-rebuild", "--workdir", path("nowhere"))
                        .env(fakeDocker),
                row("bad project name", 2, "docker-rebuild", "--workdir", docker.project.toString(), "-p", "Bad Name")
                        .env(fakeDocker).says("projectName"),
                row("build secret that is not a name", 2, concat(new String[] {"docker-rebuild", "--build-secret",
                    "not valid"}, dockerProject)).env(fakeDocker),
                row("daemon chosen twice", 2, concat(new String[] {"docker-rebuild", "--docker-host",
                    "ssh://deploy@vps", "--context", "vps"}, dockerProject)).env(fakeDocker),
                row("nothing to roll back to", 2, concat(new String[] {"docker-rollback"}, dockerProject))
                        .env(fakeDocker),
                row("docker record folder that is a file", 2, concat(new String[] {"docker-rebuild", "--report-dir",
                    aFile.toString()}, dockerProject)).env(fakeDocker).says("is a file"),
                row("smoke test without its address", 2, "smoke-auth", "--base-url", "http://127.0.0.1:1"),
                row("base URL without scheme", 2, "smoke-auth", "--base-url", "localhost", "--email", "a@example.test",
                        "--flow", "password"),
                row("email that is not one", 2, "smoke-auth", "--base-url", "http://127.0.0.1:1", "--email", "nobody",
                        "--flow", "password"),
                row("setting without '='", 2, "smoke-auth", "--base-url", "http://127.0.0.1:1", "--email",
                        "a@example.test", "--set", "mePath").says("should be in KEY=VALUE format but was mePath"),
                row("flow that does not exist", 2, "smoke-auth", "--base-url", "http://127.0.0.1:1", "--email",
                        "a@example.test", "--flow", "magic"),
                row("flow file of the wrong shape", 2, "smoke-auth", "--base-url", "http://127.0.0.1:1", "--email",
                        "a@example.test", "--flow", path("flow-of-the-wrong-shape.json")).says("'checks' must be a list"),
                row("password in the mailbox URI", 2, "smoke-auth", "--base-url", "http://127.0.0.1:1", "--email",
                        "a@example.test", "--mailbox", "imap://smoke:pw-31c4e9a7@127.0.0.1:1/INBOX")
                        .secret("pw-31c4e9a7"),
                row("mailbox of an unknown kind", 2, "smoke-auth", "--base-url", "http://127.0.0.1:1", "--email",
                        "a@example.test", "--mailbox", "gopher://mail.example.test"),
                row("password flow without a password", 2, "smoke-auth", "--base-url", "http://127.0.0.1:1", "--email",
                        "a@example.test", "--flow", "password").env(Map.of("SMOKE_LOGIN_PASSWORD", "")),
                row("unreachable service", 1, "smoke-auth", "--base-url", "http://127.0.0.1:1", "--email",
                        "a@example.test", "--flow", "password", "--timeout", "2s")
                        .env(Map.of("SMOKE_LOGIN_PASSWORD", "login-pw-5e6f")).secret("login-pw-5e6f"),
                row("smoke record folder under a file", 2, "smoke-auth", "--base-url", "http://127.0.0.1:1", "--email",
                        "a@example.test", "--flow", "password", "--report-dir", aFile.resolve("x").toString())
                        .env(Map.of("SMOKE_LOGIN_PASSWORD", "login-pw-5e6f")),
                row("report folder that does not exist", 2, "report", "--dir", path("nope")),
                row("report folder without records", 2, "report", "--dir", path("no-records")),
                row("corrupt record", 2, "report", "--dir", path("corrupt")),
                row("report page under a file", 2, "report", "--dir", path("corrupt"), "--out",
                        aFile.resolve("page.html").toString()).says("--out"),
                row("report page that is a folder", 2, "report", "--dir", path("corrupt"), "--out", app.toString())
                        .says("is a folder"),
                row("demo report folder that is a file", 2, "demo", "--report-dir", aFile.toString())
                        .says("is a file, not a folder")));
        for (CommandLine sub : DeployGatesCli.commandLine(System.out, System.err).getSubcommands().values()) {
            rows.add(row("--help", 0, sub.getCommandName(), "--help"));
        }
        rows.add(row("--version", 0, "--version"));
        return rows;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputEndsInOneSentenceAndExitOneOrTwo() {
        List<Row> rows = rows();
        assertThat(rows.stream().filter(r -> r.exit() != 0).map(Row::kind).distinct()).hasSizeGreaterThanOrEqualTo(25);
        assertThat(rows.stream().map(Row::command).distinct()).as("every sub-command has rows")
                .containsAll(DeployGatesCli.commandLine(System.out, System.err).getSubcommands().keySet().stream()
                        .filter(name -> !name.equals("help")).toList());
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.kind() + ": " + String.join(" ", row.args()),
                () -> check(row)));
    }

    private static void check(Row row) {
        CliEnvironment.use(row.env());
        CliRun run;
        try { // bounded: a row that waits for a timeout it was not given must fail, not hang the suite
            run = assertTimeoutPreemptively(ROW_BOUND, () -> CliRun.of(row.args().toArray(String[]::new)));
        } finally {
            CliEnvironment.reset();
        }
        String what = "exit " + run.exitCode + ", stderr: " + run.err + "stdout: " + run.out;
        assertThat(run.exitCode).as(what).isEqualTo(row.exit());
        if (row.exit() == 0) {
            assertThat(run.err).isEmpty();
            assertThat(run.out).isNotBlank();
        } else {
            assertThat(run.err).as(what).endsWith(System.lineSeparator()).startsWith(row.command() + ": ");
            assertThat(run.err.strip().lines()).as(what).hasSize(1);
            assertThat(run.err).doesNotContain("\tat ", "Exception", "io.jenkins.", "java.", "picocli.", "null");
        }
        if (row.says() != null) {
            assertThat(run.err).contains(row.says());
        }
        if (row.secret() != null) {
            assertThat(run.out + run.err).doesNotContain(row.secret());
        } else {
            assertThat(run.err).as("a mask where no secret was given").doesNotContain("****");
        }
    }

    /** Every option of every sub-command says in --help what it does (four said nothing). */
    @Test
    void everyOptionSaysWhatItDoes() {
        for (CommandLine sub : DeployGatesCli.commandLine(System.out, System.err).getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            for (OptionSpec option : spec.options()) {
                assertThat(String.join(" ", option.description()).strip())
                        .as(spec.name() + " " + option.longestName() + " has a --help description").isNotEmpty();
            }
        }
    }
}
