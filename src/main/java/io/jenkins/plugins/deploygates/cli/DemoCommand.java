package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.demo.DemoAuthService;
import io.jenkins.plugins.deploygates.demo.DemoMailbox;
import io.jenkins.plugins.deploygates.demo.DemoService;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.health.GateRuntime;
import io.jenkins.plugins.deploygates.engine.health.HealthGate;
import io.jenkins.plugins.deploygates.engine.health.HealthGateConfig;
import io.jenkins.plugins.deploygates.engine.health.HealthGateReport;
import io.jenkins.plugins.deploygates.engine.health.HealthGateSpec;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeAuthFlow;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeReport;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeRunStopped;
import io.jenkins.plugins.deploygates.engine.smoke.SmokeSettings;
import io.jenkins.plugins.deploygates.engine.smoke.Sleeper;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxAccess;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailboxUri;
import io.jenkins.plugins.deploygates.engine.report.DeployGatesReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: starts an example service on loopback and runs the gates against it, so a newcomer sees every
 * step work end to end with no account and no network.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an example service on loopback and run the gates against it.")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--report-dir", defaultValue = "deploy-gates-demo", paramLabel = "DIR",
            description = "Where to write the reports (default ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--healthy-after", defaultValue = "3s", paramLabel = "D",
            description = "How long the example service takes to become healthy (default ${DEFAULT-VALUE}).")
    Duration healthyAfter;

    @Option(names = "--watch", defaultValue = "3s", paramLabel = "D", description = "Watch window (default ${DEFAULT-VALUE}).")
    Duration watch;

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireWritableFolder("--report-dir", reportDir);
        ProgressLog out = ProgressLog.to(spec.commandLine().getOut());
        try (DemoService service = DemoService.start(healthyAfter); GateRuntime runtime = GateRuntime.create()) {
            out.line("demo: example service on " + service.baseUrl() + " (healthy after " + healthyAfter.toMillis() + "ms)");
            String stage = "during the health gate";
            try {
                boolean passed = healthGate(service, runtime, out);
                stage = "during the login smoke test";
                passed = passed && smokeAuth(out);
                report(out);
                if (!passed) {
                    throw new GateFailedException("a gate failed; its reports are in " + reportDir.toAbsolutePath());
                }
                out.line("demo: every gate passed; reports in " + reportDir.toAbsolutePath());
                return ExitCode.PASSED;
            } catch (InterruptedException stopped) {
                report(out);
                throw StoppedException.after(stage, reportDir, HealthGateReport.JSON_FILE, SmokeReport.JSON_FILE,
                        DeployGatesReport.FILE);
            }
        }
    }

    private void report(ProgressLog out) throws java.io.IOException {
        DeployGatesReport.Written page = new DeployGatesReport(Redactor.byShape(), Clock.systemUTC(),
                line -> out.line("report: " + line)).write(reportDir, null);
        out.line("report: " + page.page());
        out.line("report: " + page.stylesheet());
    }

    /** @throws InterruptedException when stopped, after its report is written */
    private boolean healthGate(DemoService service, GateRuntime runtime, ProgressLog out) throws Exception {
        HealthGateConfig config = new HealthGateSpec().url(service.baseUrl() + "/health")
                .expectJson(List.of("$.status == \"ok\"", "$.checks.database == \"up\"", "$.checks.cache == \"up\""))
                .interval("500ms").timeout("1m").watch(watch.toMillis() + "ms").watchInterval("250ms")
                .maxErrorRate(0.01).maxP95("500ms").toConfig();
        GateOutcome outcome = GateOutcome.await(HealthGate.start(config, runtime, out, Redactor.byShape()));
        for (Path file : HealthGateReport.write(reportDir, config, outcome.verdict())) {
            out.line("report: " + file);
        }
        if (outcome.stopped()) {
            throw new InterruptedException("stopped during the health gate");
        }
        return outcome.verdict().isHealthy();
    }

    /**
     * The login smoke test: the example auth service mails its links to an in-process mailbox, no account needed.
     *
     * @throws InterruptedException when stopped
     */
    private boolean smokeAuth(ProgressLog out) throws Exception {
        try (DemoMailbox mailbox = DemoMailbox.start();
                DemoAuthService auth = DemoAuthService.options().smtp("127.0.0.1", mailbox.smtpPort())
                        .rateLimit(5, Duration.ofSeconds(1)).start()) {
            out.line("demo: example login service on " + auth.baseUrl() + ", mail caught by " + mailbox.mailboxUri());
            SmokeSettings settings = new SmokeSettings(auth.baseUrl(), "demo@example.test")
                    .plusTag(SmokeSettings.randomTag()).timeout(Duration.ofSeconds(10))
                    .mailbox(MailboxUri.open(mailbox.mailboxUri(), MailboxAccess.login(null, null)))
                    .override("expiredToken", auth.issueExpiredToken("demo@example.test"));
            SmokeReport report;
            boolean stopped = false;
            try (StopSignals.Section section = StopSignals.interruptible()) {
                report = new SmokeAuthFlow(settings, out, Sleeper.real()).run();
            } catch (SmokeRunStopped e) { // the checks that ran are still written, the rest marked not run
                report = e.report();
                stopped = true;
            }
            report.writeTo(reportDir);
            out.line("report: " + reportDir.resolve(SmokeReport.JUNIT_FILE));
            out.line("report: " + reportDir.resolve(SmokeReport.JSON_FILE));
            if (stopped) {
                throw new InterruptedException("stopped during the login smoke test");
            }
            return report.passed();
        }
    }
}
