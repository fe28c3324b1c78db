package io.jenkins.plugins.deploygates.engine.railway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A local Railway backboard for tests, speaking the protocol in the reference: GraphQL at {@code /graphql/v2}
 * routed on {@code operationName}, auth checked per token kind (project tokens are held to their own project
 * and environment), explicit nulls accepted, uploads at {@code /project/{p}/environment/{e}/up} recorded,
 * scripted status sequences (one step per status query) and log lines, and injectable failures.
 */
public final class FakeRailway implements AutoCloseable {
    public static final String PROJECT_TOKEN = "proj-token-7f3a9c2e";
    public static final String ACCOUNT_TOKEN = "acct-token-b81d44f0";
    public static final String PROJECT_ID = "prj-1";
    public static final String ENV_ID = "env-prod";
    public static final String STAGING_ID = "env-staging";
    public static final String SERVICE_ID = "svc-api";

    /** One deployment: its status script and its logs. */
    public static final class Deployment {
        final String id;
        final String serviceId;
        final String environmentId;
        final String createdAt;
        final Deque<String> statuses = new ArrayDeque<>();
        final List<String[]> buildLogs = new ArrayList<>();
        final List<String[]> deployLogs = new ArrayList<>();
        String status;
        boolean canRollback;
        boolean logsBroken;
        JsonNode diagnosis;
        java.util.function.Supplier<Instant> clock;
        java.time.Duration every;
        Instant born;
        List<String> timed;

        Deployment(String id, String serviceId, String environmentId, String createdAt, String... script) {
            this.id = id;
            this.serviceId = serviceId;
            this.environmentId = environmentId;
            this.createdAt = createdAt;
            this.statuses.addAll(List.of(script));
            this.status = statuses.isEmpty() ? "SUCCESS" : statuses.peekFirst();
        }

        synchronized void cancel() {
            statuses.clear();
            statuses.add("REMOVED");
            status = "REMOVED";
        }

        /** Whether the status script has more to play. */
        synchronized boolean moreToPlay() {
            return statuses.size() > 1;
        }

        synchronized String nextStatus() {
            if (clock != null) { // a timed script: the status the deployment has reached by now
                long index = java.time.Duration.between(born, clock.get()).toMillis() / every.toMillis();
                status = timed.get((int) Math.min(timed.size() - 1, index));
                return status;
            }
            if (statuses.size() > 1) {
                status = statuses.pollFirst();
            } else if (!statuses.isEmpty()) {
                status = statuses.peekFirst();
            }
            return status;
        }
    }

    /** The script the next created deployment (upload or rollback) plays. */
    public static final class Script {
        String[] statuses = {"BUILDING", "DEPLOYING", "SUCCESS"};
        List<String> buildLines = List.of();
        List<String> deployLines = List.of();
        boolean logsBroken;
        JsonNode diagnosis;
        java.util.function.Supplier<Instant> clock;
        java.time.Duration every;

        /** Plays the statuses by time instead of one per query: the next one every {@code every} on {@code clock}. */
        public Script timed(java.util.function.Supplier<Instant> clock, java.time.Duration every) {
            this.clock = clock;
            this.every = every;
            return this;
        }

        /** Railway's {@code diagnosis} of the deployment: a text, or JSON when it starts with a brace. */
        public Script diagnosis(String text) {
            try {
                diagnosis = text.startsWith("{") ? Json.MAPPER.readTree(text) : Json.MAPPER.getNodeFactory().textNode(text);
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
            return this;
        }

        public Script statuses(String... s) {
            statuses = s;
            return this;
        }

        public Script buildLogs(String... lines) {
            buildLines = List.of(lines);
            return this;
        }

        public Script deployLogs(String... lines) {
            deployLines = List.of(lines);
            return this;
        }

        public Script brokenLogs() {
            logsBroken = true;
            return this;
        }
    }

    /** One request as the fake saw it. */
    public record Call(String operation, JsonNode variables, Map<String, String> headers) {}

    /** One accepted or refused upload. */
    public record Upload(String path, Map<String, String> headers, byte[] body, long bodySize) {}

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Deployment> deployments = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> variables = new ConcurrentHashMap<>();
    private final Deque<Script> scripts = new ArrayDeque<>();
    private final Map<String, Deque<MockResponse>> injected = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private final FakeRailwayGraphQl graphQl = new FakeRailwayGraphQl(this);
    private final FakeRailwaySubscriptions subscriptions = new FakeRailwaySubscriptions(this);
    private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean subscriptionsOpen;
    private volatile MockResponse upgradeAnswer;
    private volatile long rateLimit = -1;
    private MockResponse uploadResponse;
    private int counter;

    public FakeRailway() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return handle(request);
            }
        });
        server.setServerSocketFactory(new NoDelayServerSockets());
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
        variables.put(ENV_ID + "/" + SERVICE_ID, new LinkedHashMap<>(Map.of("DATABASE_URL", "postgres://u:pw@db/x",
                "PORT", "8080")));
    }

    /** Drops upload bodies beyond this many bytes (they are still counted), for the large-tree test. */
    public FakeRailway keepUploadBytes(long limit) {
        server.setBodyLimit(limit);
        return this;
    }

    public String url() {
        String u = server.url("/").toString();
        return u.substring(0, u.length() - 1);
    }

    public synchronized FakeRailway next(Script script) {
        scripts.addLast(script);
        return this;
    }

    public static Script script() {
        return new Script();
    }

    /** The next {@code operation} calls get these responses instead (429, 500, ...). */
    public FakeRailway inject(String operation, MockResponse... responses) {
        injected.computeIfAbsent(operation, k -> new ArrayDeque<>()).addAll(List.of(responses));
        return this;
    }

    /**
     * Serves subscriptions ({@code graphql-transport-ws} at {@code /graphql/v2}) as backboard does; without this the
     * upgrade is refused with 404, as by a proxy that does not pass WebSockets, and clients must poll.
     */
    public FakeRailway withSubscriptions() {
        subscriptionsOpen = true;
        return this;
    }

    /** Every WebSocket upgrade gets this answer instead (a redirect, say). */
    public FakeRailway upgradeAnswers(MockResponse response) {
        this.upgradeAnswer = response;
        return this;
    }

    /** Each status of a subscription's script is pushed this long after the previous one (real time). */
    public FakeRailway statusStep(java.time.Duration step) {
        subscriptions.step(step);
        return this;
    }

    /** The first {@code n} subscription sockets are closed by the server right after their first status. */
    public FakeRailway dropSubscriptionsAfter(int n) {
        subscriptions.dropFirst(n);
        return this;
    }

    /** Answers carry {@code X-RateLimit-Limit: limit} and an {@code X-RateLimit-Remaining} that falls by one a request. */
    public FakeRailway rateLimit(long limit) {
        this.rateLimit = limit;
        return this;
    }

    /** Every HTTP request this fake received: GraphQL calls, uploads and WebSocket upgrades. */
    public long requests() {
        return requests.get();
    }

    /** When the subscription last pushed a status ({@link System#nanoTime()}). */
    public long lastStatusPushNanos() {
        return subscriptions.lastPushNanos();
    }

    /** WebSocket upgrades it received. */
    public long upgrades() {
        return subscriptions.upgrades();
    }

    public FakeRailway uploadAnswers(MockResponse response) {
        this.uploadResponse = response;
        return this;
    }

    public FakeRailway variables(String environmentId, Map<String, String> values) {
        variables.put(environmentId + "/" + SERVICE_ID, new LinkedHashMap<>(values));
        return this;
    }

    /** An existing deployment of the api service in production, for rollback tests. */
    public synchronized FakeRailway existing(String id, String status, boolean canRollback) {
        Deployment d = new Deployment(id, SERVICE_ID, ENV_ID, createdAt(), status);
        d.canRollback = canRollback;
        deployments.put(id, d);
        return this;
    }

    /** An existing deployment of the api service whose statuses follow {@code clock}, one every {@code every}. */
    public synchronized FakeRailway existingTimed(String id, String[] statuses, java.util.function.Supplier<Instant> clock,
            java.time.Duration every) {
        Deployment d = new Deployment(id, SERVICE_ID, ENV_ID, createdAt(), statuses);
        d.clock = clock;
        d.every = every;
        d.born = clock.get();
        d.timed = List.of(statuses);
        deployments.put(id, d);
        return this;
    }

    /** An existing deployment of another service or environment (for the rollback target checks). */
    public synchronized FakeRailway existingOf(String id, String serviceId, String environmentId) {
        Deployment d = new Deployment(id, serviceId, environmentId, createdAt(), "SUCCESS");
        d.canRollback = true;
        deployments.put(id, d);
        return this;
    }

    public List<Call> calls() {
        return calls;
    }

    public List<Call> calls(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).toList();
    }

    public List<Upload> uploads() {
        return uploads;
    }

    /** What Railway did while nobody watched: the deployment has this status from now on. */
    public void statusFromNow(String id, String status) {
        Deployment d = deployment(id);
        synchronized (d) {
            d.statuses.clear();
            d.statuses.add(status);
            d.status = status;
        }
    }

    public Deployment deployment(String id) {
        return deployments.get(id);
    }

    Map<String, Deployment> deployments() {
        return deployments;
    }

    Map<String, String> variablesOf(String environmentId, String serviceId) {
        return variables.get(environmentId + "/" + serviceId);
    }

    synchronized String createdAt() {
        return Instant.parse("2026-11-01T00:00:00Z").plusSeconds(60L * ++counter).toString();
    }

    /** Creates the deployment the next script describes. */
    synchronized Deployment create(String serviceId, String environmentId) {
        Script s = scripts.isEmpty() ? new Script() : scripts.pollFirst();
        Deployment d = new Deployment("dep-" + (counter + 1), serviceId, environmentId, createdAt(), s.statuses);
        d.logsBroken = s.logsBroken;
        d.diagnosis = s.diagnosis;
        if (s.clock != null) {
            d.clock = s.clock;
            d.every = s.every;
            d.born = s.clock.get();
            d.timed = List.of(s.statuses);
        }
        int n = 0;
        for (String line : s.buildLines) {
            d.buildLogs.add(new String[] {timestamp(++n), line});
        }
        for (String line : s.deployLines) {
            d.deployLogs.add(new String[] {timestamp(++n), line});
        }
        deployments.put(d.id, d);
        return d;
    }

    private static String timestamp(int n) {
        return String.format("2026-11-24T12:00:%02d.%09dZ", n / 1000 % 60, (n % 1000) * 1000);
    }

    FakeRailwayGraphQl graphQl() {
        return graphQl;
    }

    private MockResponse handle(RecordedRequest request) {
        long n = requests.incrementAndGet();
        MockResponse response = route(request);
        if (rateLimit >= 0) {
            response.setHeader("X-RateLimit-Limit", rateLimit).setHeader("X-RateLimit-Remaining", Math.max(0, rateLimit - n));
        }
        return response;
    }

    private MockResponse route(RecordedRequest request) {
        try {
            String path = request.getPath() == null ? "" : request.getPath();
            if (path.startsWith("/graphql/v2") && "GET".equals(request.getMethod())) {
                return upgradeAnswer != null ? upgradeAnswer : subscriptionsOpen ? subscriptions.upgrade(request)
                        : new MockResponse().setResponseCode(404).setBody("{\"message\":\"Not Found\"}");
            }
            if (path.startsWith("/graphql/v2") && "POST".equals(request.getMethod())) {
                JsonNode body = Json.MAPPER.readTree(request.getBody().readUtf8());
                String operation = body.path("operationName").asText("");
                calls.add(new Call(operation, body.path("variables"), headers(request)));
                Deque<MockResponse> queued = injected.get(operation);
                MockResponse canned = queued == null ? null : queued.pollFirst();
                return canned != null ? canned : json(graphQl.answer(operation, body, request));
            }
            if (path.startsWith("/project/") && path.contains("/up")) {
                return upload(request, path);
            }
            return new MockResponse().setResponseCode(404).setBody("{\"message\":\"Not Found\"}");
        } catch (RuntimeException | IOException e) {
            return new MockResponse().setResponseCode(500).setBody("fake server error: " + e);
        }
    }

    private MockResponse upload(RecordedRequest request, String path) {
        byte[] body = request.getBody().readByteArray();
        uploads.add(new Upload(path, headers(request), body, request.getBodySize()));
        FakeRailwayGraphQl.Auth auth = graphQl.auth(request);
        String[] parts = path.split("[/?]");
        if (auth == null || !auth.covers(parts[2], parts[4])) {
            return new MockResponse().setResponseCode(403).setBody("{\"message\":\"Not Authorized\"}");
        }
        if (uploadResponse != null) {
            return uploadResponse;
        }
        if (!"application/gzip".equals(request.getHeader("Content-Type"))) {
            return new MockResponse().setResponseCode(400).setBody("{\"message\":\"expected application/gzip\"}");
        }
        String serviceId = request.getRequestUrl().queryParameter("serviceId");
        Deployment d = create(serviceId, parts[4]);
        ObjectNode answer = Json.MAPPER.createObjectNode()
                .put("deploymentId", d.id)
                .put("url", "https://railway.com/project/" + parts[2])
                .put("logsUrl", "https://railway.com/project/" + parts[2] + "/service/" + serviceId + "?id=" + d.id + "&")
                .put("deploymentDomain", "api-production.up.railway.app");
        return json(answer);
    }

    private static Map<String, String> headers(RecordedRequest request) {
        Map<String, String> h = new LinkedHashMap<>();
        for (String name : request.getHeaders().names()) {
            h.put(name.toLowerCase(java.util.Locale.ROOT), request.getHeader(name));
        }
        return h;
    }

    static MockResponse json(JsonNode body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body.toString());
    }

    static ObjectNode error(String message) {
        return error(message, "BAD_USER_INPUT");
    }

    /** Backboard's error shape: HTTP 200, {@code data: null}, the message and its {@code extensions.code}. */
    static ObjectNode error(String message, String code) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putNull("data");
        ArrayNode errors = body.putArray("errors");
        errors.addObject().put("message", message).putObject("extensions").put("code", code);
        return body;
    }

    /** Answers without Nagle's delay: hundreds of polls per test must not cost 40 ms each. */
    private static final class NoDelayServerSockets extends javax.net.ServerSocketFactory {
        @Override
        public java.net.ServerSocket createServerSocket() throws IOException {
            return new java.net.ServerSocket() {
                @Override
                public java.net.Socket accept() throws IOException {
                    java.net.Socket socket = super.accept();
                    socket.setTcpNoDelay(true);
                    return socket;
                }
            };
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port, int backlog) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port, int backlog, java.net.InetAddress address)
                throws IOException {
            throw new UnsupportedOperationException();
        }
    }

    @Override
    public void close() throws IOException {
        subscriptions.close();
        server.shutdown();
    }
}
