package io.jenkins.plugins.deploygates.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real mail stack of the project's CI kit ({@code ../shared/tools/mail-stack}: Postfix SMTP into Dovecot, IMAP
 * with STARTTLS and IMAPS with a self-signed certificate, {@code +} addressing), started under
 * {@code target/real-services/mail} by the first test that needs it, on free ports, and reused by every later test
 * and test JVM (the tool is idempotent; a stack already running there is reused with its own ports). It is never
 * stopped here: the build stops every service under {@code target/real-services} after the integration tests.
 *
 * <p>When the tool is missing or cannot start, the test is skipped with one line saying why, unless
 * {@code DEPLOY_GATES_REAL_SERVICES=required} (as CI sets it), which makes that line a failure.
 */
public final class RealMailStack {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path TOOL = ROOT.resolveSibling("shared").resolve("tools/mail-stack");
    private static final Path DIR = ROOT.resolve("target/real-services/mail");
    /** A first start installs Postfix and Dovecot from Debian's archive. */
    private static final long START_MINUTES = 15;
    private static RealMailStack running;
    private static String whyNot;

    private final Map<String, String> env;
    private final String password;

    private RealMailStack(Map<String, String> env) throws IOException {
        this.env = env;
        this.password = Files.readAllLines(Path.of(env.get("MAIL_PASSWORD_FILE"))).get(0).trim();
    }

    /** The running stack, started if need be; or the test is skipped (failed, when real services are required). */
    public static synchronized RealMailStack get() {
        if (running == null && whyNot == null) {
            try {
                running = start();
            } catch (IOException | RuntimeException e) {
                whyNot = "the real mail stack could not start (" + e.getMessage() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                whyNot = "the real mail stack's start was interrupted";
            }
        }
        if (running == null) {
            if ("required".equals(System.getenv("DEPLOY_GATES_REAL_SERVICES"))) {
                fail(whyNot + ", and DEPLOY_GATES_REAL_SERVICES=required");
            }
            Assumptions.abort(whyNot);
        }
        return running;
    }

    private static RealMailStack start() throws IOException, InterruptedException {
        if (!Files.isExecutable(TOOL)) {
            throw new IOException(TOOL + " is missing");
        }
        String failure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            // a stack another JVM started here keeps its ports; otherwise four free ones
            Map<String, String> settings = settings();
            List<String> ports = settings.isEmpty() ? freePorts() : List.of(settings.get("smtp"), settings.get("imap"),
                    settings.get("imaps"), settings.get("lmtp"));
            failure = run(ports);
            if (failure == null) {
                return new RealMailStack(readEnv());
            }
            if (!settings.isEmpty() && failure.contains("in use")) {
                Files.deleteIfExists(DIR.resolve("settings")); // stale ports taken by someone else: pick new ones
            }
        }
        throw new IOException(failure);
    }

    /** Null when the stack runs; else the tool's last line, which says why not. */
    private static String run(List<String> ports) throws IOException, InterruptedException {
        Files.createDirectories(DIR.getParent());
        Path log = Files.createTempFile(DIR.getParent(), "mail-stack", ".log");
        Process tool = new ProcessBuilder(TOOL.toString(), "start", "--dir", DIR.toString(), "--smtp-port", ports.get(0),
                "--imap-port", ports.get(1), "--imaps-port", ports.get(2), "--lmtp-port", ports.get(3))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!tool.waitFor(START_MINUTES, TimeUnit.MINUTES)) {
            tool.destroyForcibly();
            return "mail-stack start took longer than " + START_MINUTES + " minutes";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return tool.exitValue() == 0 ? null : lines.isEmpty() ? "mail-stack start failed" : lines.get(lines.size() - 1);
    }

    /** The ports of a stack started here before, from the tool's {@code settings} file. */
    private static Map<String, String> settings() throws IOException {
        Map<String, String> settings = new HashMap<>();
        Path file = DIR.resolve("settings");
        if (Files.isRegularFile(file)) {
            for (String pair : Files.readString(file).trim().split("\\s+")) {
                String[] kv = pair.split("=", 2);
                settings.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return settings.keySet().containsAll(List.of("smtp", "imap", "imaps", "lmtp")) ? settings : Map.of();
    }

    private static List<String> freePorts() throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(s -> Integer.toString(s.getLocalPort())).toList();
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    private static Map<String, String> readEnv() throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(DIR.resolve("mail-stack.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    public String host() {
        return env.get("MAIL_HOST");
    }

    public int smtpPort() {
        return Integer.parseInt(env.get("MAIL_SMTP_PORT"));
    }

    public int imapPort() {
        return Integer.parseInt(env.get("MAIL_IMAP_PORT"));
    }

    public int imapsPort() {
        return Integer.parseInt(env.get("MAIL_IMAPS_PORT"));
    }

    /** The mailbox's address and IMAP login, {@code smoke@example.test}. */
    public String user() {
        return env.get("MAIL_USER");
    }

    /** Another address of the same mailbox: {@code smoke+TAG@example.test}. */
    public String address(String tag) {
        int at = user().indexOf('@');
        return user().substring(0, at) + "+" + tag + user().substring(at);
    }

    public String password() {
        return password;
    }

    /** The server's self-signed certificate, PEM. */
    public Path certificate() {
        return Path.of(env.get("MAIL_CERT"));
    }

    /** A PKCS12 trust store holding the certificate, and its password. */
    public Path trustStore() {
        return Path.of(env.get("MAIL_TRUSTSTORE"));
    }

    public String trustStorePassword() {
        return env.get("MAIL_TRUSTSTORE_PASSWORD");
    }

    public String imapUri() {
        return "imap://" + user().replace("@", "%40") + "@" + host() + ":" + imapPort() + "/INBOX";
    }

    public String imapsUri() {
        return "imaps://" + user().replace("@", "%40") + "@" + host() + ":" + imapsPort() + "/INBOX";
    }
}
