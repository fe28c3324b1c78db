package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.railway.RailwayTime;
import java.util.HashMap;
import java.util.Map;

/**
 * For tests outside this package: gives every sub-command the same environment (tokens, passwords, the fake
 * docker's PATH) and Railway clock, and puts the real ones back afterwards.
 */
public final class CliEnvironment {
    private CliEnvironment() {}

    public static void use(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        RailwayOptions.environment = env::get;
        SmokeAuthCommand.environment = env::get;
        HealthGateCommand.environment = env::get;
        ComposeProjectOptions.environment = () -> Map.copyOf(env);
    }

    public static void railwayTime(RailwayTime time) {
        RailwayOptions.time = time;
    }

    public static void reset() {
        RailwayOptions.environment = System::getenv;
        SmokeAuthCommand.environment = System::getenv;
        HealthGateCommand.environment = System::getenv;
        ComposeProjectOptions.environment = System::getenv;
        RailwayOptions.time = RailwayTime.system();
    }
}
