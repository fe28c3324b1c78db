package io.jenkins.plugins.deploygates.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.deploygates.demo.AuthBreakage;
import io.jenkins.plugins.deploygates.engine.common.DaemonThreads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An independent magic-link app for the real-mail tests, written apart from the demo's service: its own token and
 * session store, a sliding-window rate limit, and real emails ({@link MagicLinkMail}) in the styles apps send them.
 * Each {@link AuthBreakage} breaks the behaviour of one check, as in the demo.
 */
public final class MagicLinkApp implements AutoCloseable {
    /** What the email looks like and where its link points. */
    public enum Style {
        /** text and HTML parts, quoted-printable, the link with {@code token=} and a second parameter. */
        MULTIPART,
        /** one quoted-printable HTML part. */
        HTML_ONLY,
        /** the link carries {@code code=} to {@code /auth/callback}, as OAuth-style apps write it. */
        CODE,
        /** the link goes through a click tracker on another host that redirects twice. */
        CLICK_TRACKED,
        /** the link points at another host than the app's (a lookalike that must get nothing). */
        OFF_HOST
    }

    public static final int RATE_LIMIT = 3;
    public static final Duration RATE_WINDOW = Duration.ofSeconds(2);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final MagicLinkMail mail;
    private final ClickTracker tracker;
    private final Style style;
    private final Set<AuthBreakage> broken = EnumSet.noneOf(AuthBreakage.class);
    private final Map<String, LinkToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> sent = new ConcurrentHashMap<>();
    private final AtomicInteger linkRequests = new AtomicInteger();
    private final List<String> verifyCookies = new CopyOnWriteArrayList<>();

    private MagicLinkApp(String smtpHost, int smtpPort, Style style, AuthBreakage... breakages) throws IOException {
        this.style = style;
        this.broken.addAll(List.of(breakages));
        this.mail = new MagicLinkMail(smtpHost, smtpPort);
        this.tracker = new ClickTracker();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::route);
        server.setExecutor(Executors.newFixedThreadPool(4, DaemonThreads.named("magic-link-app")));
        server.start();
    }

    public static MagicLinkApp start(String smtpHost, int smtpPort, Style style, AuthBreakage... broken)
            throws IOException {
        return new MagicLinkApp(smtpHost, smtpPort, style, broken);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The host of the click tracker (or of the lookalike), for allowedLinkHosts. */
    public String trackerHost() {
        return tracker.base().substring("http://".length());
    }

    /** What the tracker (or lookalike) host was sent. */
    public List<String> trackerRequests() {
        return tracker.requests();
    }

    /** Cookie headers the app's sign-in endpoint got (a tracker's cookie must not be among them). */
    public List<String> verifyCookies() {
        return verifyCookies;
    }

    public int linkRequests() {
        return linkRequests.get();
    }

    /** A token that expired a minute ago, as a staging fixture keeps one. */
    public String expiredToken(String email) {
        String token = newToken();
        tokens.put(token, new LinkToken(email, Instant.now().minusSeconds(60), new AtomicBoolean()));
        return token;
    }

    private void route(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/api/auth/send-magic-link") && ex.getRequestMethod().equals("POST")) {
                sendLink(ex);
            } else if (path.equals(style == Style.CODE ? "/auth/callback" : "/api/auth/verify")) {
                verify(ex, query(ex, style == Style.CODE ? "code" : "token"));
            } else if (path.equals("/api/me")) {
                String user = sessions.get(String.valueOf(sessionId(ex)));
                answer(ex, user == null ? 401 : broken.contains(AuthBreakage.ME_FAILS) ? 500 : 200,
                        user == null ? "{\"error\":\"unauthorized\"}" : JSON.createObjectNode().put("email", user).toString());
            } else if (path.equals("/api/auth/logout") && ex.getRequestMethod().equals("POST")) {
                if (!broken.contains(AuthBreakage.LOGOUT_KEEPS_SESSION)) {
                    sessions.remove(String.valueOf(sessionId(ex)));
                }
                answer(ex, 204, null);
            } else {
                answer(ex, 404, "{\"error\":\"not found\"}");
            }
        }
    }

    private void sendLink(HttpExchange ex) throws IOException {
        linkRequests.incrementAndGet();
        String email = JSON.readTree(ex.getRequestBody().readAllBytes()).path("email").asText("");
        Duration wait = broken.contains(AuthBreakage.NO_RATE_LIMIT) ? null : overLimit(email);
        if (wait != null) {
            long seconds = broken.contains(AuthBreakage.RETRY_AFTER_TOO_SHORT) ? 0 : Math.max(1, (wait.toMillis() + 999) / 1000);
            ex.getResponseHeaders().add("Retry-After", Long.toString(seconds));
            answer(ex, 429, "{\"error\":\"slow down\"}");
            return;
        }
        if (broken.contains(AuthBreakage.LINK_REQUEST_FAILS)) {
            answer(ex, 500, "{\"error\":\"mailer down\"}");
            return;
        }
        String token = newToken();
        tokens.put(token, new LinkToken(email, Instant.now().plus(Duration.ofMinutes(15)), new AtomicBoolean()));
        if (!broken.contains(AuthBreakage.NO_EMAIL)) {
            try {
                mail.send(email, link(token), style == Style.HTML_ONLY);
            } catch (jakarta.mail.MessagingException e) {
                answer(ex, 502, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
                return;
            }
        }
        answer(ex, 202, "{\"sent\":true}");
    }

    /** The link as the email carries it. */
    private String link(String token) {
        String param = style == Style.CODE ? "/auth/callback?code=" : "/api/auth/verify?token=";
        String direct = baseUrl() + param + token + "&next=%2Fdashboard";
        switch (style) {
            case CLICK_TRACKED: return tracker.track(direct);
            case OFF_HOST: return tracker.base() + param + token + "&next=%2Fdashboard";
            default: return direct;
        }
    }

    /** Null when the email may send now; else how long until the oldest send of the window leaves it. */
    private synchronized Duration overLimit(String email) {
        Deque<Instant> window = sent.computeIfAbsent(email, e -> new ArrayDeque<>());
        Instant now = Instant.now();
        while (!window.isEmpty() && !window.peekFirst().plus(RATE_WINDOW).isAfter(now)) {
            window.removeFirst();
        }
        if (window.size() >= RATE_LIMIT) {
            return Duration.between(now, window.peekFirst().plus(RATE_WINDOW));
        }
        window.addLast(now);
        return null;
    }

    private void verify(HttpExchange ex, String token) throws IOException {
        verifyCookies.add(String.valueOf(ex.getRequestHeaders().getFirst("Cookie")));
        LinkToken t = token == null ? null : tokens.get(token);
        boolean used = t != null && t.used().get();
        boolean fresh = t != null && t.expires().isAfter(Instant.now());
        boolean ok = t != null && !used && fresh
                || t == null && broken.contains(AuthBreakage.INVALID_TOKEN_ACCEPTED)
                || used && broken.contains(AuthBreakage.REUSED_LINK_ACCEPTED)
                || t != null && !used && !fresh && broken.contains(AuthBreakage.EXPIRED_TOKEN_ACCEPTED);
        if (!ok) {
            int status = t == null ? (broken.contains(AuthBreakage.INVALID_TOKEN_CRASHES) ? 500 : 401) : used ? 410 : 401;
            answer(ex, status, "{\"error\":\"this link does not work\"}");
            return;
        }
        if (t != null) {
            t.used().set(true);
        }
        if (broken.contains(AuthBreakage.VERIFY_GIVES_NO_SESSION)) {
            answer(ex, 200, "<html><body>Welcome back</body></html>");
            return;
        }
        String sid = newToken();
        sessions.put(sid, t == null ? "stranger@example.test" : t.email());
        ex.getResponseHeaders().add("Set-Cookie", "sid=" + sid + "; Path=/; HttpOnly; SameSite=Lax");
        ex.getResponseHeaders().add("Location", "/dashboard");
        answer(ex, 302, null);
    }

    private static String sessionId(HttpExchange ex) {
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String pair : header.split(";\\s*")) {
                if (pair.startsWith("sid=")) {
                    return pair.substring(4);
                }
            }
        }
        return null;
    }

    private static String query(HttpExchange ex, String name) {
        String raw = ex.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", body != null && body.startsWith("<") ? "text/html" : "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    /** The JDK server's stop waits for its dispatcher (up to a second): let it finish in the background. */
    @Override
    public void close() {
        tracker.close();
        Thread stopper = new Thread(() -> server.stop(0), "magic-link-app-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** A mailed token: whose it is, until when it works, and whether it was used. */
    private record LinkToken(String email, Instant expires, AtomicBoolean used) {}
}
