import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * healthGate in the kit's real Jenkins with the packaged .hpi (issue 11's measurements), both side by side with a
 * baseline in the same controller:
 *
 * <ol>
 * <li>Cost: N builds waiting at once in {@code healthGate} (outside node, so no executor) against N builds waiting in
 *     {@code sleep}, the cheapest wait Pipeline has. Controller threads added and heap after a full GC, per waiting
 *     build, read through the script console.</li>
 * <li>Detection: M builds waiting in {@code healthGate} and M in {@code waitUntil { sh 'curl -fsS URL' }} on the
 *     built-in node; build k's own target turns healthy T + k seconds after its first probe; each build echoes the
 *     clock as its next step starts. The gate's interval is chosen so that it sends as many requests as waitUntil's
 *     back-off (0.25 s growing x1.2 up to 15 s) over those waits: the same request budget.</li>
 * </ol>
 * Args: KIT_DIR HPI HOME N M T_SECONDS.
 */
public final class JenkinsGatesBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String kit;
    private static Path home;
    private static int port;
    private static String auth;

    /**
     * A health endpoint per build: 503 until healthy, then 200; counts requests per path. A path given a delay turns
     * healthy that long after its own first request, so every build waits the same time from its first probe,
     * whenever Jenkins got round to starting it.
     */
    static final class Target {
        final HttpServer server;
        final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
        final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
        final Map<String, Long> delays = new ConcurrentHashMap<>();
        volatile boolean healthy;

        Target() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.createContext("/", x -> {
                String path = x.getRequestURI().getPath();
                long now = System.currentTimeMillis();
                requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                long first = firstSeen.computeIfAbsent(path, p -> now);
                Long delay = delays.get(path);
                boolean up = delay == null ? healthy : now >= first + delay;
                byte[] body = (up ? "{\"status\":\"ok\"}" : "{\"status\":\"starting\"}").getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(up ? 200 : 503, body.length);
                x.getResponseBody().write(body);
                x.close();
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        int pathsSeen(String prefix) {
            return (int) requests.keySet().stream().filter(p -> p.startsWith(prefix)).count();
        }

        int requestsTo(String prefix) {
            return requests.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                    .mapToInt(e -> e.getValue().get()).sum();
        }

        /** When a delayed path turned healthy, on this machine's clock (the controller's: same host). */
        long healthyAt(String path) {
            return firstSeen.get(path) + delays.get(path);
        }
    }

    public static void main(String[] args) throws Exception {
        kit = args[0];
        String hpi = args[1];
        home = Path.of(args[2]);
        int n = Integer.parseInt(args[3]);
        int m = Integer.parseInt(args[4]);
        int healthyAfterS = Integer.parseInt(args[5]);
        port = freePort();
        exec(List.of(kit + "/bin/start-jenkins", "--home", home.toString(), "--port", String.valueOf(port),
                "--plugin", hpi, "--xmx", "2g", "--java-opts", "-Dhudson.model.LoadStatistics.clock=600000"));
        auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + Files.readString(
                home.resolve("secrets/admin-api-token")).trim()).getBytes(StandardCharsets.UTF_8));
        Target target = new Target();
        try {
            script("Jenkins.get().setNumExecutors(" + (m + 2) + "); Jenkins.get().save()");
            warmUp(target);
            cost(target, n);
            detection(target, m, healthyAfterS);
        } finally {
            target.server.stop(0);
            exec(List.of(kit + "/bin/stop-jenkins", "--home", home.toString()));
        }
    }

    /** One build of each kind first, so classes are loaded and the gates' runtime exists before anything is measured. */
    private static void warmUp(Target target) throws Exception {
        target.healthy = true;
        job("warm", "healthGate url: '" + target.url("/warm") + "', interval: '1s', timeout: '1m'\nsleep 1");
        int build = startAll("warm", 1).get(0);
        waitFor("warm", build);
        String result = get("job/warm/" + build + "/api/json?tree=result");
        if (!result.contains("\"SUCCESS\"")) {
            throw new IllegalStateException("the warm-up build did not pass: " + get("job/warm/" + build + "/consoleText"));
        }
        target.healthy = false;
    }

    private static void cost(Target target, int n) throws Exception {
        job("sleeper", "sleep time: 30, unit: 'MINUTES'");
        job("gate", "healthGate url: \"" + target.url("/cost/") + "${env.BUILD_NUMBER}\", interval: '5s', timeout: '30m'");
        script("Jenkins.get().getItemByFullName('sleeper').setConcurrentBuild(true); Jenkins.get().getItemByFullName('gate').setConcurrentBuild(true)");
        long[] before = threadsAndHeap();
        Map<String, Integer> threadNamesAtStart = threadNames();
        List<Integer> sleepers = startAll("sleeper", n);
        waitUntil(() -> runningSteps("sleep") >= n, "all sleepers waiting");
        long[] sleeping = threadsAndHeap();
        Map<String, Integer> threadNamesAtSleep = threadNames();
        System.out.println("cost: threads added while the sleepers wait, by name: " + threadsAddedSince(threadNamesAtStart));
        List<Integer> gates = startAll("gate", n);
        waitUntil(() -> target.pathsSeen("/cost/") >= n, "all gates probing");
        Thread.sleep(6000); // a full interval: every gate has scheduled its next probe
        long[] gating = threadsAndHeap();
        System.out.println("cost: threads added while the gates wait, by name: " + threadsAddedSince(threadNamesAtSleep));
        System.out.printf(Locale.ROOT, "cost: %d builds waiting in sleep: threads +%d, heap +%.1f KiB per build%n", n,
                sleeping[0] - before[0], (sleeping[1] - before[1]) / 1024.0 / n);
        System.out.printf(Locale.ROOT, "cost: %d more builds waiting in healthGate: threads +%d, heap +%.1f KiB per build"
                + " (%.2fx a build waiting in sleep)%n", n, gating[0] - sleeping[0], (gating[1] - sleeping[1]) / 1024.0 / n,
                (double) (gating[1] - sleeping[1]) / Math.max(1, sleeping[1] - before[1]));
        stopAll("sleeper", sleepers);
        stopAll("gate", gates);
        waitUntil(() -> runningSteps("healthGate") == 0 && runningSteps("sleep") == 0, "all stopped");
    }

    /**
     * Build k of each kind turns healthy T + k seconds after its own first probe (the same ten delays for both kinds,
     * so the moment falls at every phase of the gate's interval and of waitUntil's pauses). The gate's interval
     * spends, over those delays, the requests waitUntil's back-off spends: the same budget.
     */
    private static void detection(Target target, int m, int healthyAfterS) throws Exception {
        long budget = 0;
        long waited = 0;
        for (int k = 0; k < m; k++) {
            budget += waitUntilPolls(healthyAfterS + k);
            waited += (healthyAfterS + k) * 1000L;
        }
        long intervalMs = Math.max(250, waited / budget);
        job("detect-gate", "healthGate url: \"" + target.url("/gate/") + "${params.i}\", interval: '"
                + intervalMs + "ms', attemptTimeout: '2s', timeout: '30m'\necho \"NEXT ${params.i} ${System.currentTimeMillis()}\"");
        job("detect-loop", "node { waitUntil { sh(script: \"curl -fsS -o /dev/null " + target.url("/loop/")
                + "${params.i}\", returnStatus: true) == 0 } }\necho \"NEXT ${params.i} ${System.currentTimeMillis()}\"");
        script("['detect-gate', 'detect-loop'].each { Jenkins.get().getItemByFullName(it).setConcurrentBuild(true) }");
        for (int k = 0; k < m; k++) {
            target.delays.put("/gate/" + k, (healthyAfterS + k) * 1000L);
            target.delays.put("/loop/" + k, (healthyAfterS + k) * 1000L);
        }
        List<Integer> gates = startAll("detect-gate", m);
        List<Integer> loops = startAll("detect-loop", m);
        List<Long> gateMs = latencies("detect-gate", gates, target, "/gate/");
        List<Long> loopMs = latencies("detect-loop", loops, target, "/loop/");
        System.out.printf(Locale.ROOT, "detection: healthy %d-%ds after each build's first probe; gate interval %dms for"
                + " waitUntil's back-off; requests: healthGate %d, waitUntil %d%n", healthyAfterS, healthyAfterS + m - 1,
                intervalMs, target.requestsTo("/gate/"), target.requestsTo("/loop/"));
        System.out.printf(Locale.ROOT, "detection: healthy to next step, healthGate median %d ms, max %d ms; waitUntil"
                + " median %d ms, max %d ms; median ratio %.2fx%n", median(gateMs), Collections.max(gateMs),
                median(loopMs), Collections.max(loopMs), (double) median(loopMs) / Math.max(1, median(gateMs)));
    }

    /** How many polls waitUntil's back-off (0.25 s, x1.2, capped at 15 s) makes in its first {@code seconds}. */
    static int waitUntilPolls(int seconds) {
        double t = 0;
        double pause = 0.25;
        int polls = 0;
        while (t < seconds) {
            polls++;
            t += pause;
            pause = Math.min(15, pause * 1.2);
        }
        return polls;
    }

    private static List<Long> latencies(String job, List<Integer> builds, Target target, String prefix) throws Exception {
        List<Long> out = new ArrayList<>();
        Pattern next = Pattern.compile("NEXT (\\d+) (\\d+)");
        for (int b : builds) {
            waitFor(job, b);
            Matcher found = next.matcher(get("job/" + job + "/" + b + "/consoleText"));
            if (!found.find()) {
                throw new IllegalStateException(job + " #" + b + " printed no NEXT line");
            }
            out.add(Long.parseLong(found.group(2)) - target.healthyAt(prefix + found.group(1)));
        }
        return out;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Live controller threads by name, digits folded ("Timer-#"), to say which pools grew. */
    private static Map<String, Integer> threadNames() throws Exception {
        Map<String, Integer> names = new java.util.TreeMap<>();
        for (String line : script("Thread.getAllStackTraces().keySet().collect { it.name.replaceAll(/\\d+/, '#') }"
                + ".countBy { it }.each { k, v -> println(\"${v}\\t${k}\") }").split("\n")) {
            String[] parts = line.split("\t", 2);
            if (parts.length == 2) {
                names.put(parts[1], Integer.parseInt(parts[0].trim()));
            }
        }
        return names;
    }

    private static String threadsAddedSince(Map<String, Integer> before) throws Exception {
        List<String> added = new ArrayList<>();
        threadNames().forEach((name, count) -> {
            int grown = count - before.getOrDefault(name, 0);
            if (grown != 0) {
                added.add((grown > 0 ? "+" : "") + grown + " " + name);
            }
        });
        return added.isEmpty() ? "none" : String.join(", ", added);
    }

    private static long[] threadsAndHeap() throws Exception {
        String out = script("System.gc(); Thread.sleep(500); System.gc(); def rt = Runtime.getRuntime();"
                + " println(\"${Thread.getAllStackTraces().size()} ${rt.totalMemory() - rt.freeMemory()}\")");
        String[] parts = out.trim().split(" ");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    private static int runningSteps(String functionName) throws Exception {
        return Integer.parseInt(script("int n = 0; org.jenkinsci.plugins.workflow.flow.FlowExecutionList.get().each { e ->"
                + " e.getCurrentExecutions(true).get().each { s -> if (s.context.get(org.jenkinsci.plugins.workflow.graph.FlowNode)"
                + "?.displayFunctionName == '" + functionName + "') n++ } }; println(n)").trim());
    }

    private static void job(String name, String script) throws Exception {
        // a parameter, so that N builds started at once stay N builds: the queue folds identical requests into one
        String xml = "<flow-definition plugin='workflow-job'><properties><hudson.model.ParametersDefinitionProperty>"
                + "<parameterDefinitions><hudson.model.StringParameterDefinition><name>i</name>"
                + "</hudson.model.StringParameterDefinition></parameterDefinitions>"
                + "</hudson.model.ParametersDefinitionProperty></properties>"
                + "<definition class='org.jenkinsci.plugins.workflow.cps"
                + ".CpsFlowDefinition' plugin='workflow-cps'><script>" + script.replace("&", "&amp;").replace("<", "&lt;")
                + "</script><sandbox>true</sandbox></definition></flow-definition>"; // as users' Jenkinsfiles run
        post("createItem?name=" + name, "application/xml", xml);
    }

    private static List<Integer> startAll(String job, int count) throws Exception {
        int first = Integer.parseInt(script("println(Jenkins.get().getItemByFullName('" + job + "').nextBuildNumber)").trim());
        for (int i = 0; i < count; i++) {
            post("job/" + job + "/buildWithParameters?delay=0sec&i=" + i, "text/plain", "");
        }
        waitUntil(() -> Integer.parseInt(script("println(Jenkins.get().getItemByFullName('" + job + "').nextBuildNumber)")
                .trim()) >= first + count, count + " builds of " + job + " started");
        List<Integer> numbers = new ArrayList<>();
        for (int b = first; b < first + count; b++) {
            numbers.add(b);
        }
        return numbers;
    }

    private static void stopAll(String job, List<Integer> builds) throws Exception {
        for (int b : builds) {
            post("job/" + job + "/" + b + "/stop", "text/plain", "");
        }
    }


    private static void waitFor(String job, int build) throws Exception {
        waitUntil(() -> get("job/" + job + "/" + build + "/api/json?tree=building").contains("\"building\":false"),
                job + " #" + build + " done");
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting: " + what);
            }
            Thread.sleep(500);
        }
    }

    private static String script(String groovy) throws Exception {
        return post("scriptText", "application/x-www-form-urlencoded",
                "script=" + URLEncoder.encode(groovy, StandardCharsets.UTF_8));
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + path))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 404 ? "" : r.body();
    }

    private static String post(String path, String type, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + path))
                .header("Authorization", auth).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 400) {
            throw new IllegalStateException("POST " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static void exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command.get(0) + " failed");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
