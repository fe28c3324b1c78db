package io.jenkins.plugins.deploygates.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.deploygates.cli.CliEnvironment;
import io.jenkins.plugins.deploygates.cli.DeployGatesCli;
import io.jenkins.plugins.deploygates.demo.AuthBreakage;
import io.jenkins.plugins.deploygates.demo.DemoAuthService;
import io.jenkins.plugins.deploygates.engine.docker.FakeDocker;
import io.jenkins.plugins.deploygates.engine.health.FloodingPeers;
import io.jenkins.plugins.deploygates.engine.railway.FakeRailway;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeFixture;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailText;
import io.jenkins.plugins.deploygates.testing.MagicLinkApp;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sub-command of the command line, on a success path and a failure path, with known secret values in play
 * (a Railway token in the environment, an Authorization header and a {@code ?token=} query on health targets, a
 * mailbox password, a login password, a docker build secret, the magic links and sessions of the smoke flow).
 * None may appear on stdout, on stderr or in any file under the report directories, including the HTML report
 * rendered from their records. The services echo what they are sent, as real error pages do. Each test makes
 * its own records, so any one of them runs alone or in any order.
 */
class NoSecretsLeakTest {
    static final String RAILWAY_TOKEN = FakeRailway.PROJECT_TOKEN;
    static final String HEADER_SECRET = "hdr-7c1e5a93b2d4";
    static final String QUERY_SECRET = "qry-4f8d2b61e0a7";
    static final String LOGIN_PASSWORD = "login-pw-93ac5d17";
    static final String BUILD_SECRET = "bld-secret-28e4f1c6";
    /** Values of health-gate headers whose names hold "key" or "token", and of one that came from the environment. */
    static final Map<String, String> KEY_HEADERS = Map.of("apikey", "apk-8c20f4e6a1", "api-key", "apd-1e7b93c5f2",
            "X-Functions-Key", "fnk-3b9e51c07d", "X-Api-Token", "xat-6f4a0d28e9", "Private-Token", "ptk-9d51e7a3c4");
    static final String ENV_HEADER_SECRET = "env-hdr-5a17c9e3";
    /** Session ids, link tokens and the flow's random tokens are 32-40 hex digits. */
    static final Pattern HEX_SECRET = Pattern.compile("[0-9a-f]{32,}");
    private static final Pattern LINK = Pattern.compile("(http://\\S+token=([0-9a-f]+))");

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = SmokeFixture.greenMail();

    @TempDir
    static Path root;

    /** Secrets learnt while running (the magic links the smoke tests were mailed). */
    private static final List<String> LEARNT = new CopyOnWriteArrayList<>();
    private static final List<String> COMMANDS = new CopyOnWriteArrayList<>();
    private static HttpServer health;
    private final Map<String, String> environment = new HashMap<>(Map.of("RAILWAY_TOKEN", RAILWAY_TOKEN,
            "SMOKE_MAILBOX_PASSWORD", SmokeFixture.MAILBOX_PASSWORD, "SMOKE_LOGIN_PASSWORD", LOGIN_PASSWORD,
            "HEALTH_TENANT_KEY", ENV_HEADER_SECRET));
    private DemoAuthService service;

    @BeforeAll
    static void startHealthTarget() throws IOException {
        health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        health.createContext("/ok", x -> reply(x, 200, "{\"status\":\"ok\"}"));
        // An endpoint that refuses and quotes the credentials it was given back, as many error pages do.
        health.createContext("/echo", x -> reply(x, 200, "{\"status\":\"denied for "
                + x.getRequestHeaders().getFirst("Authorization").substring("Bearer ".length()) + " and "
                + queryValue(x.getRequestURI().getRawQuery(), "token") + "\"}"));
        health.start();
    }

    private static String queryValue(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static void reply(com.sun.net.httpserver.HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    @AfterAll
    static void summary() {
        health.stop(0);
        System.out.println("secrets suite: " + COMMANDS.size() + " command runs checked: " + String.join(", ", COMMANDS));
    }

    @BeforeEach
    void setUp() {
        SmokeFixture.addMailboxUser(GREEN_MAIL);
        CliEnvironment.use(environment);
    }

    @AfterEach
    void tearDown() {
        CliEnvironment.reset();
        if (service != null) {
            service.close();
        }
    }

    /** One command line run, with what it printed. */
    record Run(String name, int exitCode, String out, String err) {}

    private Run cli(String name, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DeployGatesCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        COMMANDS.add(name + " (exit " + code + ")");
        return new Run(name, code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path reports(String name) {
        return root.resolve("reports").resolve(name);
    }

    static String healthUrl(String path) {
        return "http://127.0.0.1:" + health.getAddress().getPort() + path + "?token=" + QUERY_SECRET + "&env=prod";
    }

    static List<String> secrets() {
        List<String> all = new ArrayList<>(List.of(RAILWAY_TOKEN, HEADER_SECRET, QUERY_SECRET,
                SmokeFixture.MAILBOX_PASSWORD, LOGIN_PASSWORD, BUILD_SECRET));
        all.addAll(KEY_HEADERS.values());
        all.add(ENV_HEADER_SECRET);
        all.addAll(LEARNT);
        return all;
    }

    /** No known secret in what the run printed or in any file under the directories. */
    static void assertNoSecret(Run run, Path... dirs) throws IOException {
        assertNoSecretIn(run.name() + " stdout", run.out());
        assertNoSecretIn(run.name() + " stderr", run.err());
        for (Path dir : dirs) {
            for (Path file : files(dir)) {
                assertNoSecretIn(run.name() + " " + root.relativize(file), read(file));
            }
        }
    }

    /** In clear, base64 or URL-encoded: see {@link SecretGrep}. */
    static void assertNoSecretIn(String where, String text) {
        SecretGrep.assertNoSecret(where, text, secrets());
    }

    /** The smoke flow's own secrets are not known in advance, but they all have this shape. */
    static void assertNoHexSecret(Run run, Path dir) throws IOException {
        assertThat(run.out() + run.err()).doesNotContainPattern(HEX_SECRET);
        for (Path file : files(dir)) {
            assertThat(read(file)).as(root.relativize(file).toString()).doesNotContainPattern(HEX_SECRET);
        }
    }

    static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    /** Byte for byte: every secret here is ASCII. */
    static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    // --- health-gate -------------------------------------------------------------------------------------------

    private Run healthGate(String name, String path, String timeout) {
        return cli(name, "health-gate", "--url", healthUrl(path), "--header", "Authorization: Bearer " + HEADER_SECRET,
                "--expect-json", "$.status == \"ok\"", "--interval", "20ms", "--attempt-timeout", "1s",
                "--timeout", timeout, "--report-dir", reports(name).toString());
    }

    @Test
    void healthGate() throws IOException {
        Run ok = healthGate("health-gate-pass", "/ok", "5s");
        Run failed = healthGate("health-gate-fail", "/echo", "1s");
        Run usage = cli("health-gate-usage", "health-gate", "--url", healthUrl("/ok"), "--header",
                "X-Api-Key " + HEADER_SECRET);

        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.out()).contains("denied for");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertNoSecret(ok, reports(ok.name()));
        assertNoSecret(failed, reports(failed.name()));
        assertNoSecret(usage);
        assertThat(read(reports(ok.name()).resolve("health-gate.json"))).contains("token=****");
    }

    /** Every secret header the health-gate attacks below send: by name, and one from the environment. */
    private static List<String> secretHeaderOptions() {
        List<String> args = new ArrayList<>(List.of("--header", "Authorization: Bearer " + HEADER_SECRET,
                "--header-from-env", "X-Tenant=HEALTH_TENANT_KEY"));
        KEY_HEADERS.forEach((name, value) -> args.addAll(List.of("--header", name + ": " + value)));
        return args;
    }

    private Run healthGateWith(String name, String url, String... options) {
        List<String> args = new ArrayList<>(List.of("health-gate", "--url", url, "--interval", "1m",
                "--report-dir", reports(name).toString()));
        args.addAll(secretHeaderOptions());
        args.addAll(List.of(options));
        return cli(name, args.toArray(String[]::new));
    }

    /** The attack: the endpoint redirects to a server of the attacker's, which keeps every header it is sent. */
    @Test
    void healthGateRedirectedToAnotherOriginSendsItNoCredential() throws Exception {
        List<String> collected = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/", x -> {
            x.getRequestHeaders().forEach((header, values) -> collected.add(header + ": " + values));
            reply(x, 200, "{\"status\":\"ok\"}");
        });
        collector.start();
        String away = "/away-" + System.nanoTime();
        health.createContext(away, x -> {
            x.getResponseHeaders().set("Location", "http://127.0.0.1:" + collector.getAddress().getPort() + "/collect");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        try {
            Run followed = healthGateWith("health-gate-redirect-away", healthUrl(away), "--follow-redirects",
                    "--expect-json", "$.status == \"ok\"", "--timeout", "30s");
            int reached = collected.size();
            Run refused = healthGateWith("health-gate-redirect-refused", healthUrl(away), "--follow-redirects",
                    "--cross-origin-redirects", "refuse", "--timeout", "500ms");

            assertThat(followed.exitCode()).as(followed.err()).isZero();
            assertThat(followed.out()).contains("redirects to another origin (http://127.0.0.1:"
                    + collector.getAddress().getPort() + "): followed without its 7 configured header(s)");
            assertThat(reached).as("the collector was reached").isPositive();
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.out()).contains("not followed, as crossOriginRedirects is refuse");
            assertThat(collected).hasSize(reached);
            SecretGrep.assertNoSecret("what the other origin received", String.join("\n", collected), secrets());
            assertNoSecret(followed, reports(followed.name()));
            assertNoSecret(refused, reports(refused.name()));
        } finally {
            health.removeContext(away);
            collector.stop(0);
        }
    }

    /** The attack: a WebSocket floods the gate with the credentials it was sent, raw and base64-encoded. */
    @Test
    void healthGateAgainstAFloodingWebSocketEchoingItsCredentials() throws Exception {
        try (FloodingPeers peers = new FloodingPeers()) {
            String url = peers.webSocketFlood(head -> {
                String echo = head + java.util.Base64.getEncoder().encodeToString(head.getBytes(StandardCharsets.UTF_8));
                return echo.repeat(60_000 / echo.length());
            });

            Run flooded = healthGateWith("health-gate-ws-flood", url, "--ws-hold", "5s", "--timeout", "6s");

            assertThat(flooded.exitCode()).as(flooded.err()).isEqualTo(1);
            assertThat(flooded.out()).contains("the peer sent more than 16 MiB of messages during one probe (the cap)");
            assertNoSecret(flooded, reports(flooded.name()));
        }
    }

    /**
     * The attack: the endpoint answers with the headers it got, raw, base64-encoded (alone and as a Basic credential)
     * and URL-encoded, where a failing JSONPath assertion quotes them; one run per header, as a probe reports its
     * first failing assertion. The headers' names hold "key" or "token" in every spelling, or say nothing (the one
     * from the environment).
     */
    @Test
    void healthGateMismatchTextQuotingKeyAndTokenHeaders() throws Exception {
        String echo = "/echo-headers-" + System.nanoTime();
        health.createContext(echo, x -> {
            StringBuilder body = new StringBuilder("{\"status\":\"denied\"");
            x.getRequestHeaders().forEach((header, values) -> {
                String value = values.get(0);
                java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
                body.append(",\"").append(header.toLowerCase(java.util.Locale.ROOT)).append("\":{\"raw\":\"").append(value)
                        .append("\",\"b64\":\"").append(b64.encodeToString(value.getBytes(StandardCharsets.UTF_8)))
                        .append("\",\"basic\":\"").append(b64.encodeToString(("u:" + value).getBytes(StandardCharsets.UTF_8)))
                        .append("\",\"url\":\"").append(java.net.URLEncoder.encode(value + "/", StandardCharsets.UTF_8))
                        .append("\"}");
            });
            reply(x, 200, body.append('}').toString());
        });
        try {
            List<String> names = new ArrayList<>(KEY_HEADERS.keySet());
            names.addAll(List.of("authorization", "x-tenant"));
            for (String header : names) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                Run failed = healthGateWith("health-gate-echoed-" + lower, healthUrl(echo), "--timeout", "500ms",
                        "--expect-json", "$['" + lower + "'] == \"none\"");

                assertThat(failed.exitCode()).as(failed.err()).isEqualTo(1);
                assertThat(failed.out()).contains("$['" + lower + "'] is {\"raw\":");
                assertNoSecret(failed, reports(failed.name()));
            }
        } finally {
            health.removeContext(echo);
        }
    }

    // --- railway-up and railway-rollback -----------------------------------------------------------------------

    private Run railway(String name, FakeRailway fake, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--service", "api", "--environment", "production", "--api-url", fake.url(),
                "--poll-interval", "10ms", "--report-dir", reports(name).toString()));
        return cli(name, args.toArray(String[]::new));
    }

    private static Path app() throws IOException {
        Path app = Files.createDirectories(root.resolve("app"));
        Files.writeString(app.resolve("index.js"), "listen()");
        return app;
    }

    @Test
    void railwayUpAndRollback() throws Exception {
        Path app = app();
        try (FakeRailway fake = new FakeRailway()) {
            fake.existing("dep-a", "REMOVED", true);
            fake.next(FakeRailway.script().statuses("BUILDING", "SUCCESS").buildLogs("using token " + RAILWAY_TOKEN));
            Run ok = railway("railway-up-pass", fake, "railway-up", "--path", app.toString(), "--path-as-root", "--health-check",
                    healthUrl("/ok"));
            fake.next(FakeRailway.script().statuses("BUILDING", "CRASHED")
                    .deployLogs("Error: login failed with RAILWAY_TOKEN=" + RAILWAY_TOKEN));
            Run crashed = railway("railway-up-fail", fake, "railway-up", "--path", app.toString(), "--path-as-root");
            fake.inject("ProjectToken", new MockResponse().setHeader("Content-Type", "application/json").setBody(
                    "{\"data\":null,\"errors\":[{\"message\":\"Project Token not found: " + RAILWAY_TOKEN + "\"}]}"));
            Run refused = railway("railway-up-refused", fake, "railway-up", "--path", app.toString(),
                    "--path-as-root");
            fake.next(FakeRailway.script().statuses("DEPLOYING", "SUCCESS").deployLogs("token " + RAILWAY_TOKEN));
            Run rolledBack = railway("railway-rollback-pass", fake, "railway-rollback");
            fake.inject("DeploymentRollback", new MockResponse().setResponseCode(500)
                    .setBody("internal error for token " + RAILWAY_TOKEN));
            Run rollbackFailed = railway("railway-rollback-fail", fake, "railway-rollback");

            assertThat(ok.exitCode()).as(ok.err()).isZero();
            assertThat(crashed.exitCode()).isEqualTo(1);
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(rolledBack.exitCode()).as(rolledBack.err()).isZero();
            assertThat(rollbackFailed.exitCode()).isNotZero();
            assertThat(crashed.out()).contains("RAILWAY_TOKEN=****");
            for (Run run : List.of(ok, crashed, refused, rolledBack, rollbackFailed)) {
                assertNoSecret(run, reports(run.name()));
            }
        }
    }

    /**
     * The attack: Railway's upload answer puts the token in the deployment's {@code url} and {@code logsUrl} (as a
     * query parameter, in clear and base64-encoded), which railway-up prints and writes into its record.
     */
    @Test
    void railwayUpWhoseUploadAnswerCarriesTheTokenInItsUrls() throws Exception {
        Path app = app();
        String b64 = java.util.Base64.getUrlEncoder().encodeToString(RAILWAY_TOKEN.getBytes(StandardCharsets.UTF_8));
        try (FakeRailway fake = new FakeRailway()) {
            fake.uploadAnswers(new MockResponse().setHeader("Content-Type", "application/json").setBody(
                    "{\"deploymentId\":\"dep-x\",\"url\":\"https://railway.com/project/p?token=" + RAILWAY_TOKEN
                    + "\",\"logsUrl\":\"https://railway.com/logs?t=" + RAILWAY_TOKEN + "&s=" + b64
                    + "\",\"deploymentDomain\":\"api.up.railway.app\"}"));
            fake.existing("dep-x", "SUCCESS", false);
            Run ok = railway("railway-up-token-in-urls", fake, "railway-up", "--path", app.toString(), "--path-as-root");

            assertThat(ok.exitCode()).as(ok.err()).isZero();
            Path record = reports(ok.name()).resolve("railway-deployment.json");
            assertThat(read(record)).contains("https://railway.com/logs?t=****");
            assertNoSecret(ok, reports(ok.name()));
        }
    }

    // --- docker-rebuild and docker-rollback --------------------------------------------------------------------

    private Run docker(String name, FakeDocker docker, String... command) {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(docker.env());
        CliEnvironment.use(env);
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--workdir", docker.project.toString(), "-p", "shop", "--stable-for", "40ms",
                "--poll-interval", "20ms", "--report-dir", reports(name).toString()));
        return cli(name, args.toArray(String[]::new));
    }

    @Test
    void dockerRebuildAndRollback() throws Exception {
        FakeDocker docker = new FakeDocker(root.resolve("docker")).set("NPM_TOKEN", BUILD_SECRET);
        Run first = docker("docker-rebuild-pass", docker, "docker-rebuild", "--build-secret", "NPM_TOKEN");
        Run second = docker("docker-rebuild-pass-again", docker, "docker-rebuild", "--build-secret", "NPM_TOKEN");
        Run back = docker("docker-rollback-pass", docker, "docker-rollback");
        docker.mode("build-error-quotes-secret");
        Run failed = docker("docker-rebuild-fail", docker, "docker-rebuild", "--build-secret", "NPM_TOKEN");
        docker.mode("exit-at-once");
        Run rolled = docker("docker-rebuild-rolled-back", docker, "docker-rebuild", "--build-secret", "NPM_TOKEN");
        docker.mode("daemon-down");
        Run rollbackFailed = docker("docker-rollback-fail", docker, "docker-rollback");

        assertThat(List.of(first, second, back)).allSatisfy(r -> assertThat(r.exitCode()).as(r.err()).isZero());
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(rolled.exitCode()).isEqualTo(1);
        assertThat(rollbackFailed.exitCode()).isEqualTo(2);
        assertThat(first.out()).contains("echo ****");
        for (Run run : List.of(first, second, back, failed, rolled, rollbackFailed)) {
            assertNoSecret(run, reports(run.name()));
        }
    }

    // --- smoke-auth --------------------------------------------------------------------------------------------

    private Run smoke(String name, String... more) {
        List<String> args = new ArrayList<>(List.of("smoke-auth", "--base-url", service.baseUrl(), "--timeout", "10s", "--report-dir", reports(name).toString()));
        args.addAll(List.of(more));
        Run run = cli(name, args.toArray(String[]::new));
        learnMailedLinks();
        return run;
    }

    /** Learns the links mailed so far, then empties the inbox so the next run reads its own. */
    private void learnMailedLinks() {
        for (MimeMessage m : GREEN_MAIL.getReceivedMessages()) {
            try {
                Matcher link = LINK.matcher(m.getContent().toString());
                while (link.find()) {
                    LEARNT.add(link.group(1));
                    LEARNT.add(link.group(2));
                }
            } catch (Exception e) {
                throw new AssertionError("could not read a mailed link", e);
            }
        }
        try {
            GREEN_MAIL.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new AssertionError("could not empty the inbox for the next run", e);
        }
    }

    private DemoAuthService service(AuthBreakage... broken) throws IOException {
        if (service != null) {
            service.close();
        }
        service = SmokeFixture.service(GREEN_MAIL, Clock.systemUTC(), Duration.ofSeconds(1), broken);
        return service;
    }

    @Test
    void smokeAuthMagicLinkAndPassword() throws Exception {
        String mailbox = SmokeFixture.imapUri(GREEN_MAIL);
        service();
        Run ok = smoke("smoke-auth-pass", "--email", SmokeFixture.ADDRESS, "--plus-tag", SmokeFixture.TAG, "--mailbox", mailbox,
                "--mailbox-plaintext", "--set", "rateLimitRequests=20");
        service(AuthBreakage.LOGOUT_KEEPS_SESSION);
        Run failed = smoke("smoke-auth-fail", "--email", SmokeFixture.ADDRESS, "--plus-tag", SmokeFixture.TAG, "--mailbox", mailbox,
                "--mailbox-plaintext");
        service().addUser("user@example.test", LOGIN_PASSWORD);
        Run password = smoke("smoke-auth-password-pass", "--flow", "password", "--email", "user@example.test",
                "--plus-tag", "", "--set", "rateLimitRequests=20");
        service().addUser("user@example.test", "another-password");
        Run wrongPassword = smoke("smoke-auth-password-fail", "--flow", "password", "--email", "user@example.test",
                "--plus-tag", "");

        assertThat(ok.exitCode()).as(ok.err() + ok.out()).isZero();
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(password.exitCode()).as(password.err() + password.out()).isZero();
        assertThat(wrongPassword.exitCode()).isEqualTo(1);
        assertThat(LEARNT).as("links mailed during the runs").hasSizeGreaterThanOrEqualTo(4);
        for (Run run : List.of(ok, failed, password, wrongPassword)) {
            assertNoSecret(run, reports(run.name()));
            assertNoHexSecret(run, reports(run.name()));
        }
    }

    /**
     * The attack: a service whose failing answers, which a failing check quotes, hold the session it handed out (raw,
     * URL-encoded and base64-encoded, as debugging pages do) and a session id the run never learnt under a name that
     * says nothing: a wrong password is accepted, and the logout fails.
     */
    @Test
    void smokeAuthAgainstAServiceQuotingSessionsBack() throws Exception {
        String session = "5e5510c0ffee0123456789abcdef0123456789ab";
        String unlearnt = "0dd5e55101d0123456789abcdef0123456789abc";
        try (okhttp3.mockwebserver.MockWebServer app = new okhttp3.mockwebserver.MockWebServer()) {
            app.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
                @Override
                public MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request) {
                    String auth = String.valueOf(request.getHeader("Authorization"));
                    switch (request.getPath()) {
                        case "/api/auth/login": return request.getBody().readUtf8().contains(LOGIN_PASSWORD)
                                ? smokeJson(200, "{\"sessionToken\": \"" + session + "\"}")
                                : smokeJson(200, "{\"sid\": \"" + unlearnt + "\", \"last\": \"" + session + "\"}");
                        case "/api/me": return smokeJson(200, "{\"email\": \"user@example.test\"}");
                        case "/api/auth/logout": return smokeJson(500, "{\"url\": \""
                                + java.net.URLEncoder.encode(auth, StandardCharsets.UTF_8) + "\", \"b64\": \""
                                + java.util.Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)) + "\"}");
                        default: return smokeJson(404, "{}");
                    }
                }
            });
            String name = "smoke-auth-quoting-service";
            Run failed = cli(name, "smoke-auth", "--base-url", app.url("/").toString(), "--flow", "password",
                    "--email", "user@example.test", "--plus-tag", "", "--set", "rateLimitRequests=1", "--timeout", "20s",
                    "--report-dir", reports(name).toString());

            assertThat(failed.exitCode()).as(failed.err() + failed.out()).isEqualTo(1);
            assertThat(failed.out()).contains("FAILED invalid password rejected", "FAILED logout invalidates session");
            assertThat(failed.out().split("\\(body: ", -1)).as("bodies quoted").hasSizeGreaterThanOrEqualTo(3);
            List<String> secrets = new ArrayList<>(secrets());
            secrets.addAll(List.of(session, unlearnt, unlearnt.substring(8)));
            SecretGrep.assertNoSecret(name + " stdout", failed.out(), secrets);
            SecretGrep.assertNoSecret(name + " stderr", failed.err(), secrets);
            for (Path file : files(reports(name))) {
                SecretGrep.assertNoSecret(name + " " + root.relativize(file), read(file), secrets);
            }
            assertNoHexSecret(failed, reports(name));
        }
    }

    private static MockResponse smokeJson(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    /**
     * The attack: the emailed link points at another host than the service's (a lookalike). It must get no request,
     * and the link's token must not show anywhere.
     */
    @Test
    void smokeAuthMailedALinkToAnotherHostSendsItNothing() throws Exception {
        MagicLinkApp app = MagicLinkApp.start("127.0.0.1", GREEN_MAIL.getSmtp().getPort(), MagicLinkApp.Style.OFF_HOST);
        try {
            String name = "smoke-auth-link-off-host";
            Run failed = cli(name, "smoke-auth", "--base-url", app.baseUrl(), "--email", SmokeFixture.ADDRESS,
                    "--plus-tag", SmokeFixture.TAG, "--mailbox", SmokeFixture.imapUri(GREEN_MAIL), "--mailbox-plaintext",
                    "--timeout", "20s", "--report-dir", reports(name).toString());
            List<String> links = mailedLinks(Pattern.compile("(http://\\S+token=([A-Za-z0-9_-]+))"));

            assertThat(failed.exitCode()).as(failed.err() + failed.out()).isEqualTo(1);
            assertThat(failed.out()).contains("the emailed link points at http://" + app.trackerHost() + ", not at"
                    + " baseUrl's");
            assertThat(app.trackerRequests()).as("what the other host was sent").isEmpty();
            assertThat(links).as("the link and its token, mailed to the run").hasSizeGreaterThanOrEqualTo(2);
            List<String> secrets = new ArrayList<>(secrets());
            secrets.addAll(links);
            SecretGrep.assertNoSecret(name + " stdout", failed.out(), secrets);
            SecretGrep.assertNoSecret(name + " stderr", failed.err(), secrets);
            for (Path file : files(reports(name))) {
                SecretGrep.assertNoSecret(name + " " + root.relativize(file), read(file), secrets);
            }
        } finally {
            app.close();
        }
    }

    /** Every match of {@code link} (the whole link, then its token) in the emails received so far; empties the inbox. */
    private static List<String> mailedLinks(Pattern link) throws Exception {
        List<String> found = new ArrayList<>();
        for (MimeMessage m : GREEN_MAIL.getReceivedMessages()) {
            Matcher matcher = link.matcher(MailText.of(m));
            while (matcher.find()) {
                found.add(matcher.group(1));
                found.add(matcher.group(2));
            }
        }
        GREEN_MAIL.purgeEmailFromAllMailboxes();
        return found;
    }

    /**
     * The attack: {@code -Dmail.debug=true} on the JVM, which makes Jakarta Mail print every IMAP exchange (the
     * email with its link, the login) on the process's own stdout, beside the command's output.
     */
    @Test
    void smokeAuthWithMailDebugOnPrintsNoEmailAndNoPassword() throws Exception {
        service();
        int learntBefore = LEARNT.size();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream process = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(process, true, StandardCharsets.UTF_8);
        System.setProperty("mail.debug", "true");
        System.setOut(capture);
        System.setErr(capture);
        Run ok;
        try {
            ok = smoke("smoke-auth-mail-debug", "--email", SmokeFixture.ADDRESS, "--plus-tag", SmokeFixture.TAG,
                    "--mailbox", SmokeFixture.imapUri(GREEN_MAIL), "--mailbox-plaintext", "--set", "rateLimitRequests=20");
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            System.clearProperty("mail.debug");
        }

        assertThat(ok.exitCode()).as(ok.err() + ok.out()).isZero();
        assertThat(LEARNT).as("the link mailed to the run, and its token").hasSizeGreaterThan(learntBefore);
        String printed = process.toString(StandardCharsets.UTF_8);
        assertThat(printed).doesNotContain("/api/auth/verify?token=");
        assertNoSecretIn("the process's own stdout and stderr", printed);
        assertNoSecret(ok, reports(ok.name()));
        assertNoHexSecret(ok, reports(ok.name()));
    }

    // --- demo and report ---------------------------------------------------------------------------------------

    @Test
    void demo() throws IOException {
        Run ok = cli("demo-pass", "demo", "--healthy-after", "300ms", "--watch", "300ms", "--report-dir",
                reports("demo-pass").toString());
        Path taken = Files.writeString(root.resolve("not-a-directory"), "x");
        Run failed = cli("demo-fail", "demo", "--healthy-after", "0s", "--watch", "0s", "--report-dir",
                taken.toString());

        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(failed.exitCode()).isNotZero();
        for (Run run : List.of(ok, failed)) {
            assertNoSecret(run, reports(run.name()));
            assertNoHexSecret(run, reports(run.name()));
        }
    }

    /**
     * The page is rendered from records with secrets in play (a health gate quoting its credentials back, a Railway
     * deploy whose logs print the token, a smoke run with its links and sessions) plus one written by hand.
     */
    @Test
    void report() throws Exception {
        Path inputs = reports("report-inputs");
        Run gate = healthGate("report-inputs/health", "/echo", "1s");
        try (FakeRailway fake = new FakeRailway()) {
            fake.next(FakeRailway.script().statuses("BUILDING", "CRASHED")
                    .deployLogs("Error: login failed with RAILWAY_TOKEN=" + RAILWAY_TOKEN));
            railway("report-inputs/railway", fake, "railway-up", "--path", app().toString(), "--path-as-root");
        }
        service(AuthBreakage.LOGOUT_KEEPS_SESSION);
        smoke("report-inputs/smoke", "--email", SmokeFixture.ADDRESS, "--plus-tag", SmokeFixture.TAG, "--mailbox",
                SmokeFixture.imapUri(GREEN_MAIL), "--mailbox-plaintext");
        Path planted = Files.createDirectories(inputs.resolve("planted"));
        Files.writeString(planted.resolve("health-gate.json"), "{\"kind\":\"healthGate\",\"verdict\":{\"healthy\":false,"
                + "\"verdict\":\"FAIL\",\"reason\":\"Authorization: Bearer " + HEADER_SECRET + "\",\"samples\":[{\"target\":"
                + "\"" + healthUrl("/x") + "\",\"phase\":\"AWAIT\",\"atMs\":0,\"latencyMs\":5,\"outcome\":\"FAILURE\","
                + "\"status\":401,\"detail\":\"Cookie: session=" + HEADER_SECRET + "\"}]}}");

        Run ok = cli("report-pass", "report", "--dir", inputs.toString());
        Run failed = cli("report-fail", "report", "--dir", root.resolve("missing?token=" + QUERY_SECRET).toString());

        assertThat(gate.exitCode()).isEqualTo(1);
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(failed.exitCode()).isEqualTo(2);
        String page = read(inputs.resolve("deploy-gates-report.html"));
        assertThat(page).contains("railway-up", "smoke", "token=****");
        assertThat(LEARNT).as("links mailed to the smoke run").isNotEmpty();
        assertNoSecret(ok);
        assertNoSecretIn("the HTML report", page);
        assertThat(page).doesNotContainPattern(HEX_SECRET);
        assertNoSecret(failed);
    }
}
