package io.jenkins.plugins.deploygates.steps;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.docker.ComposeOptions;
import io.jenkins.plugins.deploygates.engine.docker.DockerRebuild;
import io.jenkins.plugins.deploygates.engine.docker.DockerRollback;
import io.jenkins.plugins.deploygates.engine.docker.LocalProcessRunner;
import io.jenkins.plugins.deploygates.engine.docker.Timing;
import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs dockerRebuild or dockerRollback on the agent, in the workspace, where docker and the compose files are.
 * A function of (workspace, options, environment); the listener's logger writes back to the build console. While it
 * runs, {@link AgentWork.Stop} with its id interrupts it: the engine then kills the docker command and writes its
 * record before returning.
 */
final class ComposeCallable extends MasterToSlaveFileCallable<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final boolean rollbackOnly;
    private final ComposeOptions options;
    private final HashMap<String, String> environment;
    private final TaskListener listener;

    ComposeCallable(String id, boolean rollbackOnly, ComposeOptions options, Map<String, String> environment,
            TaskListener listener) {
        this.id = id;
        this.rollbackOnly = rollbackOnly;
        this.options = options;
        this.environment = new HashMap<>(environment);
        this.listener = listener;
    }

    @Override
    public Map<String, Object> invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        ProgressLog log = ProgressLog.to(listener.getLogger());
        Thread worker = Thread.currentThread();
        return AgentWork.run(id, worker::interrupt, () -> rollbackOnly
                ? new DockerRollback(new LocalProcessRunner(), workspace.toPath(), environment, log, Timing.system())
                        .run(options)
                : new DockerRebuild(new LocalProcessRunner(), workspace.toPath(), environment, log, Timing.system())
                        .run(options));
    }
}
