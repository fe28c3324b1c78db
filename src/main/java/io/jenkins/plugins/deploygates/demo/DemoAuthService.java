package io.jenkins.plugins.deploygates.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.deploygates.demo.AuthStore.TokenState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * An example web backend with a real magic-link login, for the demo and the smoke tests: it mails one-time links
 * through SMTP, opens cookie sessions, rate limits the auth endpoints and logs out. Each {@link AuthBreakage}
 * switched on breaks one of those behaviours. Listens on loopback only.
 */
public final class DemoAuthService implements AutoCloseable {
    static final String COOKIE = "demo_session";

    static {
        // The JDK server writes headers and body apart; without TCP_NODELAY each answer waits ~40ms on Nagle.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AuthStore store;
    private final FixedWindowRateLimiter limiter;
    private final SmtpLinkMailer mailer;
    private final Set<AuthBreakage> broken = ConcurrentHashMap.newKeySet();

    private DemoAuthService(Options o) throws IOException {
        this.store = new AuthStore(o.clock, o.tokenTtl);
        this.limiter = new FixedWindowRateLimiter(o.rateLimit, o.rateWindow, o.clock);
        this.mailer = new SmtpLinkMailer(o.smtpHost, o.smtpPort, "no-reply@demo.invalid");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), o.port), 0);
        server.createContext("/", this::route);
        server.setExecutor(executor);
        server.start();
    }

    public static Options options() {
        return new Options();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void breakBehaviour(AuthBreakage breakage) {
        broken.add(breakage);
    }

    public void repairAll() {
        broken.clear();
    }

    /** A link token that has already expired, as a staging fixture would provide for the expired-token check. */
    public String issueExpiredToken(String email) {
        return store.issueExpiredToken(email);
    }

    /** A user for the password flow. */
    public void addUser(String email, String password) {
        store.addUser(email, password);
    }

    private void route(HttpExchange ex) throws IOException {
        try (ex) {
            String key = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
            switch (key) {
                case "POST /api/auth/send-magic-link": sendLink(ex); break;
                case "GET /api/auth/verify": verify(ex); break;
                case "GET /api/me": me(ex); break;
                case "POST /api/auth/logout": logout(ex); break;
                case "POST /api/auth/login": login(ex); break;
                case "GET /health": reply(ex, 200, "{\"status\":\"ok\"}"); break;
                default: reply(ex, 404, "{\"error\":\"not found\"}");
            }
        } catch (RuntimeException e) {
            reply(ex, 500, "{\"error\":\"internal\"}");
        }
    }

    private void sendLink(HttpExchange ex) throws IOException {
        String email = body(ex).path("email").asText("");
        if (!email.contains("@")) {
            reply(ex, 400, "{\"error\":\"email required\"}");
            return;
        }
        if (rateLimited(ex, "link:" + email) || isBroken(AuthBreakage.LINK_REQUEST_FAILS, ex, 500)) {
            return;
        }
        if (!broken.contains(AuthBreakage.NO_EMAIL)) {
            try {
                mailer.sendLink(email, baseUrl() + "/api/auth/verify?token=" + store.issueToken(email));
            } catch (jakarta.mail.MessagingException e) {
                reply(ex, 502, "{\"error\":\"mail relay unavailable\"}");
                return;
            }
        }
        reply(ex, 202, "{\"status\":\"sent\"}");
    }

    private void verify(HttpExchange ex) throws IOException {
        String token = queryParameter(ex.getRequestURI(), "token");
        TokenState state = store.check(token);
        if (state == TokenState.UNKNOWN && isBroken(AuthBreakage.INVALID_TOKEN_CRASHES, ex, 500)) {
            return;
        }
        if (!accepted(state)) {
            reply(ex, state == TokenState.USED ? 410 : 401, "{\"error\":\"invalid or expired link\"}");
            return;
        }
        String email = store.use(token);
        if (!broken.contains(AuthBreakage.VERIFY_GIVES_NO_SESSION)) {
            ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + store.openSession(email)
                    + "; Path=/; HttpOnly; SameSite=Lax");
        }
        ex.getResponseHeaders().add("Location", "/");
        reply(ex, broken.contains(AuthBreakage.VERIFY_GIVES_NO_SESSION) ? 200 : 302, "{\"status\":\"signed in\"}");
    }

    private boolean accepted(TokenState state) {
        switch (state) {
            case VALID: return true;
            case UNKNOWN: return broken.contains(AuthBreakage.INVALID_TOKEN_ACCEPTED);
            case USED: return broken.contains(AuthBreakage.REUSED_LINK_ACCEPTED);
            default: return broken.contains(AuthBreakage.EXPIRED_TOKEN_ACCEPTED);
        }
    }

    private void me(HttpExchange ex) throws IOException {
        Optional<String> user = store.sessionUser(SessionIds.of(ex.getRequestHeaders()));
        if (user.isEmpty()) {
            reply(ex, 401, "{\"error\":\"not signed in\"}");
        } else if (!isBroken(AuthBreakage.ME_FAILS, ex, 500)) {
            reply(ex, 200, JSON.createObjectNode().put("email", user.get()).toString());
        }
    }

    private void logout(HttpExchange ex) throws IOException {
        if (!broken.contains(AuthBreakage.LOGOUT_KEEPS_SESSION)) {
            store.closeSession(SessionIds.of(ex.getRequestHeaders()));
        }
        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0");
        reply(ex, 204, null);
    }

    private void login(HttpExchange ex) throws IOException {
        JsonNode body = body(ex);
        String email = body.path("email").asText("");
        if (!store.passwordMatches(email, body.path("password").asText(null))) {
            if (!rateLimited(ex, "login:" + email)) {
                reply(ex, 401, "{\"error\":\"wrong email or password\"}");
            }
            return;
        }
        reply(ex, 200, JSON.createObjectNode().put("sessionToken", store.openSession(email)).toString());
    }

    /** Answers 429 (with Retry-After) when the key is over its limit. */
    private boolean rateLimited(HttpExchange ex, String key) throws IOException {
        Optional<Duration> wait = broken.contains(AuthBreakage.NO_RATE_LIMIT) ? Optional.empty() : limiter.acquire(key);
        if (wait.isEmpty()) {
            return false;
        }
        long seconds = broken.contains(AuthBreakage.RETRY_AFTER_TOO_SHORT) ? 0
                : Math.max(1, (wait.get().toMillis() + 999) / 1000);
        ex.getResponseHeaders().add("Retry-After", Long.toString(seconds));
        reply(ex, 429, "{\"error\":\"too many requests\"}");
        return true;
    }

    private boolean isBroken(AuthBreakage breakage, HttpExchange ex, int status) throws IOException {
        if (broken.contains(breakage)) {
            reply(ex, status, "{\"error\":\"broken on purpose\"}");
            return true;
        }
        return false;
    }

    private static JsonNode body(HttpExchange ex) throws IOException {
        byte[] bytes = ex.getRequestBody().readAllBytes();
        try {
            return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String queryParameter(URI uri, String name) {
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        if (json != null) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        // HttpServer.stop joins a dispatcher that polls once a second: let it finish in the background.
        Thread stopper = new Thread(() -> {
            server.stop(0);
            executor.shutdownNow();
        }, "demo-auth-service-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** How to start the service; every field has a demo-friendly default. */
    public static final class Options {
        private String smtpHost = "127.0.0.1";
        private int smtpPort = 25;
        private int port;
        private Clock clock = Clock.systemUTC();
        private int rateLimit = 5;
        private Duration rateWindow = Duration.ofSeconds(2);
        private Duration tokenTtl = Duration.ofMinutes(15);
        private final Set<AuthBreakage> breakages = EnumSet.noneOf(AuthBreakage.class);

        public Options smtp(String host, int portNumber) { smtpHost = host; smtpPort = portNumber; return this; }
        public Options port(int value) { port = value; return this; }
        public Options clock(Clock value) { clock = value; return this; }
        public Options rateLimit(int requests, Duration window) { rateLimit = requests; rateWindow = window; return this; }
        public Options tokenTtl(Duration value) { tokenTtl = value; return this; }
        public Options broken(AuthBreakage value) { breakages.add(value); return this; }

        public DemoAuthService start() throws IOException {
            DemoAuthService service = new DemoAuthService(this);
            breakages.forEach(service::breakBehaviour);
            return service;
        }
    }
}
