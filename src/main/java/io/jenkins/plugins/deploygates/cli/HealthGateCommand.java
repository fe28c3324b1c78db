package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.health.GateRuntime;
import io.jenkins.plugins.deploygates.engine.health.HealthGate;
import io.jenkins.plugins.deploygates.engine.health.HealthGateConfig;
import io.jenkins.plugins.deploygates.engine.health.HealthGateReport;
import io.jenkins.plugins.deploygates.engine.health.HealthGateSpec;
import io.jenkins.plugins.deploygates.engine.health.Phase;
import io.jenkins.plugins.deploygates.engine.health.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code health-gate}: the healthGate step outside Jenkins. */
@Command(name = "health-gate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Poll endpoints until healthy, then optionally watch them and give a rollback verdict.")
public final class HealthGateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "http(s):// or ws(s):// endpoint; repeat for several.")
    List<String> urls = new ArrayList<>();

    @Option(names = "--method", defaultValue = "GET", description = "HTTP method (default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--header", paramLabel = "'Name: value'", description = "Request header; repeat for several.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--expect-status", defaultValue = "200-299", paramLabel = "RANGES",
            description = "Accepted statuses (default ${DEFAULT-VALUE}).")
    String expectStatus;

    @Option(names = "--expect-json", paramLabel = "ASSERTION", description = "JSONPath assertion such as '$.status == \"ok\"'; repeat for several.")
    List<String> expectJson = new ArrayList<>();

    @Option(names = "--expect-body", paramLabel = "TEXT", description = "Text the body must contain.")
    String expectBody;

    @Option(names = "--header-from-env", paramLabel = "'Name=ENV_VAR'", description = "Request header whose value is"
            + " read from an environment variable, so a secret stays off the command line; masked in every output"
            + " whatever its name. Repeat for several.")
    List<String> headersFromEnv = new ArrayList<>();

    @Option(names = "--follow-redirects", description = "Follow redirects (not followed by default).")
    boolean followRedirects;

    @Option(names = "--cross-origin-redirects", paramLabel = "drop-headers|refuse", description = "A followed"
            + " redirect to another scheme, host or port: follow it without the configured headers (drop-headers,"
            + " the default) or fail the probe (refuse). Headers only ever go to the URL's own origin.")
    String crossOriginRedirects;

    @Option(names = "--ws-send", paramLabel = "TEXT", description = "WebSocket: message to send after connecting.")
    String wsSend;

    @Option(names = "--ws-expect", paramLabel = "TEXT", description = "WebSocket: text a received message must contain.")
    String wsExpect;

    @Option(names = "--ws-hold", defaultValue = "0s", paramLabel = "D", description = "WebSocket: how long the connection must stay open.")
    Duration wsHold;

    @Option(names = "--initial-delay", defaultValue = "0s", paramLabel = "D", description = "Wait this long before"
            + " the first probe (default ${DEFAULT-VALUE}); it counts toward --timeout.")
    Duration initialDelay;

    @Option(names = "--interval", defaultValue = "5s", paramLabel = "D", description = "Time between probes (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--attempt-timeout", paramLabel = "D", description = "How long one probe may take (default 5s,"
            + " or --timeout when shorter); at most --timeout.")
    Duration attemptTimeout;

    @Option(names = "--timeout", defaultValue = "5m", paramLabel = "D", description = "Give up after this long,"
            + " counted from the start (default ${DEFAULT-VALUE}); no probe outlives it.")
    Duration timeout;

    @Option(names = "--success-threshold", defaultValue = "1", paramLabel = "N", description = "Healthy rounds in a"
            + " row needed to pass (default ${DEFAULT-VALUE}).")
    int successThreshold;

    @Option(names = "--watch", defaultValue = "0s", paramLabel = "D", description = "Watch this long after healthy.")
    Duration watch;

    @Option(names = "--watch-interval", paramLabel = "D", description = "Time between watch probes (default: --interval).")
    Duration watchInterval;

    @Option(names = "--max-error-rate", paramLabel = "R", description = "Watch: highest failed fraction, such as 0.01.")
    Double maxErrorRate;

    @Option(names = "--max-p95", paramLabel = "D", description = "Watch: highest p95 latency.")
    Duration maxP95;

    @Option(names = "--max-consecutive-failures", paramLabel = "N", description = "Watch: most failed samples in a row.")
    Integer maxConsecutiveFailures;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Write health-gate.json and a JUnit XML file here.")
    Path reportDir;

    /** Where --header-from-env values are read from; tests substitute a map for the process environment. */
    static UnaryOperator<String> environment = System::getenv;

    @Override
    public Integer call() throws Exception {
        HealthGateConfig config = spec().toConfig(secretHeaders());
        if (reportDir != null) {
            OutputPaths.requireWritableFolder("--report-dir", reportDir);
        }
        ProgressLog out = ProgressLog.to(this.spec.commandLine().getOut());
        try (GateRuntime runtime = GateRuntime.create()) {
            GateOutcome outcome = GateOutcome.await(HealthGate.start(config, runtime, out, Redactor.byShape()));
            Verdict verdict = outcome.verdict();
            if (reportDir != null) {
                HealthGateReport.write(reportDir, config, verdict).forEach(p -> out.line("report: " + p));
            }
            if (outcome.stopped()) {
                throw StoppedException.after(stoppedDuring(verdict), reportDir, HealthGateReport.JSON_FILE,
                        HealthGateReport.JUNIT_FILE);
            }
            if (!verdict.isHealthy()) {
                throw new GateFailedException(verdict.getReason());
            }
            return ExitCode.PASSED;
        }
    }

    /** Where the gate was when it stopped, from the verdict that keeps its samples. */
    static String stoppedDuring(Verdict verdict) {
        return (verdict.getPhase() == Phase.WATCH ? "during the watch" : "before the target was healthy")
                + String.format(Locale.ROOT, ", after %.1fs and %d sample(s)", verdict.getDurationMs() / 1000.0,
                        verdict.getSamples().size());
    }

    /** --header-from-env, resolved: the values never enter the spec, which holds only what the user typed. */
    Map<String, String> secretHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String pair : headersFromEnv) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new ConfigurationException("--header-from-env '" + pair + "' is not Name=ENV_VAR: write it as"
                        + " 'X-Api-Key=HEALTH_API_KEY'.");
            }
            String variable = pair.substring(eq + 1).trim();
            String value = environment.apply(variable);
            if (value == null || value.isEmpty()) {
                throw new ConfigurationException("environment variable " + variable + " (for --header-from-env "
                        + pair + ") is not set or empty: export it, or leave the option out.");
            }
            headers.put(pair.substring(0, eq).trim(), value);
        }
        return headers;
    }

    HealthGateSpec spec() {
        return new HealthGateSpec().urls(urls).method(method).headers(headers).expectStatus(expectStatus)
                .expectJson(expectJson).expectBody(expectBody).followRedirects(followRedirects)
                .crossOriginRedirects(crossOriginRedirects).webSocket(wsSend, wsExpect, Durations.format(wsHold))
                .initialDelay(Durations.format(initialDelay))
                .interval(Durations.format(interval))
                .attemptTimeout(attemptTimeout == null ? null : Durations.format(attemptTimeout))
                .timeout(Durations.format(timeout)).successThreshold(successThreshold).watch(Durations.format(watch))
                .watchInterval(watchInterval == null ? null : Durations.format(watchInterval))
                .maxErrorRate(maxErrorRate).maxP95(maxP95 == null ? null : Durations.format(maxP95))
                .maxConsecutiveFailures(maxConsecutiveFailures);
    }
}
