import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord;
import io.jenkins.plugins.deploygates.engine.railway.FakeRailway;
import io.jenkins.plugins.deploygates.engine.railway.FollowOptions;
import io.jenkins.plugins.deploygates.engine.railway.PostDeployChecks;
import io.jenkins.plugins.deploygates.engine.railway.RailwayConnection;
import io.jenkins.plugins.deploygates.engine.railway.RailwayEndpoints;
import io.jenkins.plugins.deploygates.engine.railway.RailwayTime;
import io.jenkins.plugins.deploygates.engine.railway.RailwayToken;
import io.jenkins.plugins.deploygates.engine.railway.RailwayUp;
import io.jenkins.plugins.deploygates.engine.railway.RailwayUpConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What following a 10-minute deploy costs in requests, and how soon the verdict comes after the final status, against
 * the loopback backboard of the tests (FakeRailway), which counts every request and offers both transports. Side by
 * side on the same fake and the same scaled clock: today's follower loop (status, build logs and deploy logs, three
 * requests every 5 s, replayed here with the same queries), the subscription, and the polling fallback.
 *
 * <p>The clock runs 20 times faster than real time (a 10-minute deploy takes 30 s), so real sockets and threads do
 * the work while the waits are scaled. Usage: FollowerBudgetBench [trials-for-latency]
 */
public final class FollowerBudgetBench {
    private static final int SPEED = 20;
    private static final Duration DEPLOY = Duration.ofMinutes(10);
    private static final Duration STATUS_EVERY = Duration.ofSeconds(10);

    /** Real time, sped up: sleeps and waits last 1/20 of what they say. */
    static final class ScaledTime implements RailwayTime {
        private final Instant start = Instant.now();
        private final long startNanos = System.nanoTime();

        @Override
        public Instant now() {
            return start.plusNanos((System.nanoTime() - startNanos) * SPEED);
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            if (!d.isNegative() && !d.isZero()) {
                TimeUnit.NANOSECONDS.sleep(d.toNanos() / SPEED);
            }
        }

        @Override
        public <T> T poll(BlockingQueue<T> queue, Duration max) throws InterruptedException {
            return queue.poll(Math.max(0, max.toNanos() / SPEED), TimeUnit.NANOSECONDS);
        }
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dir = Files.createTempDirectory("follower-bench");
        Files.writeString(dir.resolve("server.js"), "listen()");
        int steps = (int) (DEPLOY.toSeconds() / STATUS_EVERY.toSeconds());
        System.out.printf(Locale.ROOT, "deploy: %d statuses %ds apart (%s), clock x%d%n", steps + 2,
                STATUS_EVERY.toSeconds(), DEPLOY, SPEED);

        long legacy = legacy(dir, steps);
        System.out.printf(Locale.ROOT, "today's follower (3 requests every 5s): %d requests while following%n", legacy);

        try (FakeRailway fake = new FakeRailway().withSubscriptions()
                .statusStep(STATUS_EVERY.dividedBy(SPEED))) {
            fake.next(FakeRailway.script().statuses(statuses(steps)).buildLogs("npm ci").deployLogs("listening"));
            DeploymentRecord r = up(fake, dir, new ScaledTime());
            long before = setupRequests();
            System.out.printf(Locale.ROOT, "subscription: %s, %d requests in all (%d to resolve and upload, %d while"
                    + " following: %d upgrade(s))%n", r.verdict, fake.requests(), before, fake.requests() - before,
                    fake.upgrades());
        }

        try (FakeRailway fake = new FakeRailway()) { // no WebSockets: the fallback polls
            ScaledTime time = new ScaledTime();
            fake.next(FakeRailway.script().statuses(statuses(steps)).timed(time::now, STATUS_EVERY));
            Instant start = time.now();
            DeploymentRecord r = up(fake, dir, time);
            Duration took = Duration.between(start, time.now());
            long rounds = fake.calls("DeploymentProgress").size() + fake.calls("DeploymentStatus").size();
            System.out.printf(Locale.ROOT, "polling: %s after %ds (scaled), %d requests while following,"
                    + " one every %.1fs%n", r.verdict, took.toSeconds(), rounds, took.toMillis() / 1000.0 / rounds);
        }

        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            try (FakeRailway fake = new FakeRailway().withSubscriptions().statusStep(Duration.ofMillis(50))) {
                fake.next(FakeRailway.script().statuses("BUILDING", "DEPLOYING", "SUCCESS"));
                up(fake, dir, RailwayTime.system());
                latencies.add((System.nanoTime() - fake.lastStatusPushNanos()) / 1e6);
            }
        }
        Collections.sort(latencies);
        System.out.printf(Locale.ROOT, "verdict after the final status (subscription, real time, %d trials):"
                + " median %.1f ms, max %.1f ms%n", trials, latencies.get(latencies.size() / 2),
                latencies.get(latencies.size() - 1));
    }

    /** ProjectToken, Project, Deployments and the upload: what every run costs before it follows. */
    private static long setupRequests() {
        return 4;
    }

    private static String[] statuses(int steps) {
        List<String> s = new ArrayList<>(Collections.nCopies(steps, "BUILDING"));
        s.add("DEPLOYING");
        s.add("SUCCESS");
        return s.toArray(String[]::new);
    }

    private static DeploymentRecord up(FakeRailway fake, Path dir, RailwayTime time) throws Exception {
        RailwayConnection railway = new RailwayConnection(RailwayEndpoints.of(fake.url()),
                new RailwayToken(RailwayToken.Kind.PROJECT, FakeRailway.PROJECT_TOKEN), RailwayEndpoints.httpClient(),
                time, ProgressLog.discard(), Redactor.byShape());
        return new RailwayUp(railway).run(new RailwayUpConfig(dir, null, null, "api", null, List.of(),
                new FollowOptions(Duration.ofMinutes(30), FollowOptions.DEFAULT_POLL_INTERVAL, Duration.ZERO, false,
                        false), false, PostDeployChecks.none()));
    }

    /**
     * Today's loop on main before this change, replayed with its three queries against the same fake and the same
     * clock: status, build logs, deploy logs, then 5 s, until the status is final.
     */
    private static long legacy(Path dir, int steps) throws Exception {
        try (FakeRailway fake = new FakeRailway()) {
            ScaledTime time = new ScaledTime();
            fake.existingTimed("dep-1", statuses(steps), time::now, STATUS_EVERY);
            RailwayConnection railway = new RailwayConnection(RailwayEndpoints.of(fake.url()),
                    new RailwayToken(RailwayToken.Kind.PROJECT, FakeRailway.PROJECT_TOKEN),
                    RailwayEndpoints.httpClient(), time, ProgressLog.discard(), Redactor.byShape());
            long before = fake.requests();
            while (!railway.api().deploymentStatus("dep-1").equals("SUCCESS")) {
                railway.api().logs(true, "dep-1", 500, null);
                railway.api().logs(false, "dep-1", 500, null);
                time.sleep(Duration.ofSeconds(5));
            }
            railway.api().logs(true, "dep-1", 500, null);
            railway.api().logs(false, "dep-1", 500, null);
            return fake.requests() - before;
        }
    }
}
