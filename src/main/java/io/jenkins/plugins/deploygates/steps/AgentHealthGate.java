package io.jenkins.plugins.deploygates.steps;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.health.GateRuntime;
import io.jenkins.plugins.deploygates.engine.health.HealthGate;
import io.jenkins.plugins.deploygates.engine.health.HealthGateConfig;
import io.jenkins.plugins.deploygates.engine.health.HealthGateReport;
import io.jenkins.plugins.deploygates.engine.health.HealthGateSpec;
import io.jenkins.plugins.deploygates.engine.health.Verdict;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import jenkins.MasterToSlaveFileCallable;

/**
 * A health gate run on the agent of the {@code node} block it is in, so it probes from where the deploy's network
 * is, and writes its report into the workspace there. While it runs, {@link AgentWork.Stop} with its id stops it with
 * the samples so far, and the report is still written.
 */
final class AgentHealthGate extends MasterToSlaveFileCallable<GateOutcome> {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final HealthGateSpec spec;
    /** The credentialHeaders' values: sent with the call, never kept with the build. */
    private final HashMap<String, String> secretHeaders;
    /** After a restart: how long the gate had already run, so it waits only for what is left of its timeout. */
    private final Duration resumedAfter;
    private final String reportDir;
    private final TaskListener listener;

    AgentHealthGate(String id, HealthGateSpec spec, Map<String, String> secretHeaders, Duration resumedAfter,
            String reportDir, TaskListener listener) {
        this.id = id;
        this.spec = spec;
        this.secretHeaders = new HashMap<>(secretHeaders);
        this.resumedAfter = resumedAfter;
        this.reportDir = reportDir;
        this.listener = listener;
    }

    @Override
    public GateOutcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        HealthGateConfig full = spec.toConfig(secretHeaders);
        HealthGateConfig config = resumedAfter == null ? full : full.resumedAfter(resumedAfter);
        HealthGate gate = HealthGate.start(config, GateRuntime.shared(), ProgressLog.to(listener.getLogger()),
                Redactor.byShape());
        Verdict verdict = AgentWork.run(id, () -> gate.stop("the build was aborted"), () -> await(gate));
        List<String> written = reportDir == null ? List.of()
                : new WriteReportFiles(reportDir, HealthGateReport.render(config, verdict)).invoke(workspace, channel);
        return new GateOutcome(verdict, written);
    }

    /** The verdict; if the call itself is interrupted (its channel went away), the gate stops probing too. */
    private static Verdict await(HealthGate gate) throws IOException, InterruptedException {
        try {
            return gate.verdict().get();
        } catch (InterruptedException e) {
            gate.stop("the controller went away");
            throw e;
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }
}
