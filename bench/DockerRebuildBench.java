import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.docker.ComposeOptions;
import io.jenkins.plugins.deploygates.engine.docker.DockerRebuild;
import io.jenkins.plugins.deploygates.engine.docker.LocalProcessRunner;
import io.jenkins.plugins.deploygates.engine.docker.ProcessResult;
import io.jenkins.plugins.deploygates.engine.docker.ProcessRunner;
import io.jenkins.plugins.deploygates.engine.docker.Timing;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wall time of dockerRebuild against the same sequence run by hand, side by side on a real Docker engine:
 * {@code docker compose build --no-cache && docker compose up -d --force-recreate --wait}. Ours runs two ways: the
 * command line (a fresh JVM each time, as a user runs it) and the engine inside an already running JVM (as the
 * Jenkins step runs on an agent). Both include the whole verification (ps, inspect, image ids); stableFor is 0s,
 * since watching restart counts is a wait the user asks for, not overhead. The order of the three turns each run,
 * and every run starts after a pause (outside the timing) from a grid each variant goes through whole (see
 * SPREAD_MILLIS); the figures to compare are the means.
 * Two scenarios: nothing changed, and one of the two services changed. Besides wall time it takes the CPU time
 * (user + sys) of this JVM and every process it started and reaped, from /proc/self/stat: the docker and compose
 * processes of each variant and, for the engine, its own work; the daemon's share (the build itself) is the same
 * for all three and not counted. CPU time hardly moves with the load other users put on the machine; wall time
 * does. Args: ENGINE_DIR RUNS CLI_JAR; QUIET_MS and SPREAD_MS in the environment change the pauses.
 */
public final class DockerRebuildBench {
    private static final List<String> VARIANTS = List.of("hand", "cli", "engine");

    public static void main(String[] args) throws Exception {
        Path engineDir = Path.of(args[0]).toAbsolutePath();
        int runs = Integer.parseInt(args[1]);
        Path jar = Path.of(args[2]).toAbsolutePath();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("DOCKER_CONTEXT");
        env.put("DOCKER_HOST", "unix://" + engineDir.resolve("docker.sock"));
        env.put("DOCKER_CONFIG", engineDir.resolve("docker-config").toString());
        Path project = Files.createTempDirectory("deploy-gates-bench");
        String name = "dgbench" + ProcessHandle.current().pid();
        writeProject(project);
        System.out.printf(Locale.ROOT, "project %s: services web and api (busybox httpd, healthcheck every 500ms)%n", name);
        sh(env, project, "docker compose -p " + name + " build && docker compose -p " + name + " up -d --wait");
        for (String scenario : List.of("no change", "one service changed")) {
            Map<String, List<Double>> times = new HashMap<>();
            Map<String, List<Double>> cpu = new HashMap<>();
            phases.clear();
            Map<String, List<Long>> pauses = pauseGrid(runs);
            for (int run = 0; run < runs + 1; run++) {
                for (int i = 0; i < VARIANTS.size(); i++) {
                    String variant = VARIANTS.get((i + run) % VARIANTS.size());
                    if (scenario.startsWith("one")) {
                        Files.writeString(project.resolve("web/index.html"), "release " + System.nanoTime() + "\n");
                    }
                    // the first round warms the engine's caches and the JIT; it is not counted
                    Thread.sleep(run == 0 ? QUIET_MILLIS : pauses.get(variant).get(run - 1));
                    double cpuBefore = cpuSeconds();
                    double seconds = time(variant, env, project, name, jar);
                    double cpuUsed = cpuSeconds() - cpuBefore;
                    if (run > 0) {
                        times.computeIfAbsent(variant, v -> new ArrayList<>()).add(seconds);
                        cpu.computeIfAbsent(variant, v -> new ArrayList<>()).add(cpuUsed);
                        if (!variant.equals("cli")) {
                            phase(variant, "rest", seconds - phase.getOrDefault("build", 0.0)
                                    - phase.getOrDefault("up", 0.0));
                            phase.forEach((step, t) -> phase(variant, step, t));
                        }
                    }
                    phase.clear();
                }
            }
            System.out.printf(Locale.ROOT, "%s, %d runs, each after a pause of %d-%d ms (load average now %s):%n",
                    scenario, runs, QUIET_MILLIS, QUIET_MILLIS + SPREAD_MILLIS, loadAverage());
            report("wall", times);
            report("cpu", cpu);
            // Where the time goes: the daemon's build and up (the same work for every variant, but they vary from
            // run to run), and the rest, which is ours: the other docker and compose calls and the JVM's own work.
            new java.util.TreeMap<>(phases).forEach((key, t) -> System.out.printf(Locale.ROOT,
                    "  phase %-13s mean %.3fs, median %.2fs (%s)%n", key, mean(t), median(t), format(t)));
        }
        sh(env, project, "docker compose -p " + name + " down -t 0 --rmi local");
    }

    private static double time(String variant, Map<String, String> env, Path project, String name, Path jar)
            throws Exception {
        long start = System.nanoTime();
        switch (variant) {
            case "hand" -> {
                long build = System.nanoTime();
                sh(env, project, "docker compose -p " + name + " build --no-cache");
                long up = System.nanoTime();
                sh(env, project, "docker compose -p " + name + " up -d --force-recreate --wait");
                phase.put("build", (up - build) / 1e9);
                phase.put("up", (System.nanoTime() - up) / 1e9);
            }
            // the launcher users run (bin/deploy-gates, beside target/), with its JVM options
            case "cli" -> sh(env, project, "DEPLOY_GATES_JAR=" + jar + " " + jar.getParent().resolveSibling("bin")
                    .resolve("deploy-gates") + " docker-rebuild -p " + name
                    + " --no-pull --stable-for 0s --report-dir " + project.resolve("reports"));
            default -> new DockerRebuild(timed(new LocalProcessRunner()), project, env, ProgressLog.discard(),
                    Timing.system())
                    .run(new ComposeOptions().projectName(name).pull(false).stableFor(Duration.ZERO)
                            .reportDir("reports"));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * How long the run before has to be over before a run starts (outside the timing). Right after an {@code up}, the
     * daemon still works for the containers it has just started, and the healthchecks (every 500 ms here) begin.
     */
    private static final long QUIET_MILLIS = Long.parseLong(System.getenv().getOrDefault("QUIET_MS", "1500"));

    /**
     * The pauses before the counted runs spread evenly over this span, each variant getting every pause once. On this
     * engine the build's layer export ends on a beat set by the running containers (measured: a build started 3.0 s
     * after the last {@code up} took 0.9 s, one started 3.4 s after it 0.33 s; all ended about 3.72 s after it), so
     * a run's build time depends on when it starts, and a fixed pause plus a variant's own start-up (a JVM: 0.2-0.4 s)
     * put that variant's builds on one spot of the beat. Pauses spread over whole beats give every variant the same
     * mix of spots, whatever its start-up, so their means compare work with work.
     */
    private static final long SPREAD_MILLIS = Long.parseLong(System.getenv().getOrDefault("SPREAD_MS", "1000"));

    /** For each variant, the pauses QUIET + k * SPREAD / runs (k = 0 .. runs - 1) in an order of its own. */
    private static Map<String, List<Long>> pauseGrid(int runs) {
        Map<String, List<Long>> grid = new HashMap<>();
        java.util.Random random = new java.util.Random(runs);
        for (String variant : VARIANTS) {
            List<Long> pauses = new ArrayList<>();
            for (int k = 0; k < runs; k++) {
                pauses.add(QUIET_MILLIS + k * SPREAD_MILLIS / runs);
            }
            java.util.Collections.shuffle(pauses, random);
            grid.put(variant, pauses);
        }
        return grid;
    }

    /** Seconds of the current run's compose build and up (the daemon's work), filled by each variant. */
    private static final Map<String, Double> phase = new HashMap<>();
    /** Every counted run's phases, by "variant phase". */
    private static final Map<String, List<Double>> phases = new HashMap<>();

    private static void phase(String variant, String name, double seconds) {
        phases.computeIfAbsent(variant + " " + name, k -> new ArrayList<>()).add(seconds);
    }

    /** The engine's runner, timing its compose build and up. */
    private static ProcessRunner timed(ProcessRunner runner) {
        return (command, directory, environment, timeout, lines) -> {
            String verb = command.contains("build") ? "build" : command.contains("up") ? "up" : null;
            long start = System.nanoTime();
            ProcessResult result = runner.run(command, directory, environment, timeout, lines);
            if (verb != null) {
                phase.merge(verb, (System.nanoTime() - start) / 1e9, Double::sum);
            }
            return result;
        };
    }

    /** This JVM and its reaped children: utime, stime, cutime, cstime (fields 14-17), in clock ticks of 10 ms. */
    private static double cpuSeconds() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = 0;
        for (int i = 11; i <= 14; i++) {
            ticks += Long.parseLong(fields[i]);
        }
        return ticks / 100.0;
    }

    private static String loadAverage() throws Exception {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    /**
     * Medians and means, and the ratio of each variant's to the hand runs'. A run and the hand run next to it started
     * on different spots of the engine's beat, so a per-run ratio would mostly measure the beat; the means over the
     * pause grid do not depend on where a variant's start-up puts its builds.
     */
    private static void report(String what, Map<String, List<Double>> times) {
        double handMean = mean(times.get("hand"));
        double handMedian = median(times.get("hand"));
        for (String variant : VARIANTS) {
            List<Double> t = times.get(variant);
            System.out.printf(Locale.ROOT, "  %-4s %-6s mean %.3fs = %.3fx hand, median %.2fs = %.3fx hand (%s)%n",
                    what, variant, mean(t), mean(t) / handMean, median(t), median(t) / handMedian, format(t));
        }
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(d -> d).average().orElse(0);
    }

    private static String format(List<Double> values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(String.format(Locale.ROOT, "%.2f", v)));
        return String.join(" ", out);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Two services on the host network (the only network this kind of machine has), each FROM scratch. */
    private static void writeProject(Path project) throws Exception {
        StringBuilder compose = new StringBuilder("services:\n");
        for (String service : List.of("web", "api")) {
            Path dir = Files.createDirectories(project.resolve(service));
            Files.copy(Path.of(new File("/bin/busybox").exists() ? "/bin/busybox" : "/usr/bin/busybox"),
                    dir.resolve("busybox"));
            Files.writeString(dir.resolve("index.html"), service + " 1\n");
            Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n"
                    + "COPY index.html /www/index.html\n");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            compose.append("  ").append(service).append(":\n")
                    .append("    build: ./").append(service).append("\n")
                    .append("    network_mode: host\n    init: true\n    pull_policy: never\n")
                    .append("    command: [\"/bin/busybox\", \"httpd\", \"-f\", \"-p\", \"127.0.0.1:").append(port)
                    .append("\", \"-h\", \"/www\"]\n")
                    .append("    healthcheck:\n      test: [\"CMD\", \"/bin/busybox\", \"wget\", \"-q\", \"-O\", ")
                    .append("\"/dev/null\", \"http://127.0.0.1:").append(port).append("/\"]\n")
                    .append("      interval: 500ms\n      retries: 5\n");
        }
        Files.writeString(project.resolve("docker-compose.yml"), compose.toString());
    }

    private static void sh(Map<String, String> env, Path dir, String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("last-run.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        int code = builder.start().waitFor();
        if (code != 0) {
            throw new IllegalStateException(command + " exited " + code + ": "
                    + Files.readString(dir.resolve("last-run.log")));
        }
    }
}
