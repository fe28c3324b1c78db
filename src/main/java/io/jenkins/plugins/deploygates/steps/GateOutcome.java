package io.jenkins.plugins.deploygates.steps;

import io.jenkins.plugins.deploygates.engine.health.Sample;
import io.jenkins.plugins.deploygates.engine.health.Verdict;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a finished health gate hands back to the step, from the controller or across the channel from an agent. */
final class GateOutcome implements Serializable {
    private static final long serialVersionUID = 1L;

    final boolean healthy;
    final String reason;
    /** The step's return value: the verdict's figures, no samples. */
    final LinkedHashMap<String, Object> result;
    /** The report files written into the workspace, relative to it. */
    final ArrayList<String> reportFiles;
    /** The targets probed, as the gate's record names them (the build page's summary tells gates apart by them). */
    final ArrayList<String> targets;

    GateOutcome(Verdict verdict, List<String> reportFiles) {
        this.healthy = verdict.isHealthy();
        this.reason = verdict.getReason();
        this.result = new LinkedHashMap<>(verdict.toMap());
        this.reportFiles = new ArrayList<>(reportFiles);
        this.targets = new ArrayList<>(verdict.getSamples().stream().map(Sample::getTarget).distinct().toList());
    }

    Map<String, Object> result() {
        return result;
    }
}
