package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.docker.ComposeOptions;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options docker-rebuild and docker-rollback share: which project, which daemon, how long to watch. */
final class ComposeProjectOptions {
    /** The environment docker runs with; the tests put their fake docker first on its PATH. */
    static Supplier<Map<String, String>> environment = System::getenv;

    @Option(names = {"-f", "--file"}, paramLabel = "F", description = "Compose file; repeat for several (default: docker-compose.yml).")
    List<String> files = new ArrayList<>();

    @Option(names = {"-p", "--project-name"}, paramLabel = "P", description = "Compose project name (default: Compose's own).")
    String projectName;

    @Option(names = "--wait-timeout", paramLabel = "D", defaultValue = "3m", description = "How long services may take to start (default: ${DEFAULT-VALUE}).")
    Duration waitTimeout;

    @Option(names = "--stable-for", paramLabel = "D", defaultValue = "20s", description = "How long restart counts must stay flat (default: ${DEFAULT-VALUE}).")
    Duration stableFor;

    @Option(names = "--poll-interval", paramLabel = "D", defaultValue = "2s", description = "How often containers are looked at (default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--command-timeout", paramLabel = "D", defaultValue = "30m", description = "Longest any docker command may run (default: ${DEFAULT-VALUE}).")
    Duration commandTimeout;

    @Option(names = "--docker-host", paramLabel = "H", description = "Docker daemon, e.g. ssh://deploy@vps (passed as DOCKER_HOST).")
    String dockerHost;

    @Option(names = "--context", paramLabel = "C", description = "Docker context to use instead of --docker-host.")
    String context;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "deploy-gates-reports", description = "Where the JSON record goes (default: ${DEFAULT-VALUE}).")
    String reportDir;

    @Option(names = "--workdir", paramLabel = "DIR", defaultValue = ".", description = "Folder of the compose files; docker runs there (default: current folder).")
    Path workdir;

    /** Progress lines go to the command's stdout. */
    static ProgressLog log(CommandSpec spec) {
        return ProgressLog.to(spec.commandLine().getOut());
    }

    /**
     * The command was stopped: the engine killed the docker command that ran, wrote its record ({@code record} in
     * the report folder) and says in its message what was stopped and what is left.
     */
    StoppedException stopped(String during, InterruptedException e, String record) {
        String what = e.getMessage() == null ? "the running docker command was killed" : e.getMessage();
        return StoppedException.after(during + ": " + StoppedException.clause(what), workdir.resolve(reportDir), record);
    }

    /** The compose folder, checked first: a missing one is named as such, not blamed on the file in it. */
    Path workdir() {
        Path folder = workdir.toAbsolutePath().normalize();
        ConfigurationException.require(Files.isDirectory(folder), "--workdir " + workdir + " is not a folder"
                + (Files.exists(folder) ? "" : " (it does not exist)") + ": give the folder of your compose files.");
        return folder;
    }

    /** @param services the services to work on, each command saying what it does with them */
    ComposeOptions toOptions(List<String> services) {
        return new ComposeOptions().files(files).projectName(projectName).services(services)
                .waitTimeout(waitTimeout).stableFor(stableFor).pollInterval(pollInterval)
                .commandTimeout(commandTimeout).dockerHost(dockerHost).context(context).reportDir(reportDir);
    }
}
