package io.jenkins.plugins.deploygates.steps;

import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.deploygates.engine.health.GateRuntime;

/**
 * The runtime every health gate waiting on the controller shares (a gate outside {@code node}): two scheduler
 * threads from a factory that pins no build's class loader, and one HTTP client that goes through Jenkins' proxy.
 * A gate inside {@code node} runs on its agent instead, on the agent's own runtime.
 */
final class ControllerGates {
    private static GateRuntime runtime;

    private ControllerGates() {}

    static synchronized GateRuntime runtime() {
        if (runtime == null) {
            runtime = GateRuntime.create(new NamingThreadFactory(
                    new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()), "Deploy Gates health gates"),
                    new JenkinsProxy(), new JenkinsProxy.Login());
        }
        return runtime;
    }
}
