package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord;
import io.jenkins.plugins.deploygates.engine.railway.FollowOptions;
import io.jenkins.plugins.deploygates.engine.railway.RailwayConnection;
import io.jenkins.plugins.deploygates.engine.railway.RailwayEndpoints;
import io.jenkins.plugins.deploygates.engine.railway.RailwayTime;
import io.jenkins.plugins.deploygates.engine.railway.RailwayToken;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/** The options railway-up and railway-rollback share, and the token read as the Railway CLI reads it. */
final class RailwayOptions {
    /** Where tokens are read from; tests substitute a map for the process environment. */
    static UnaryOperator<String> environment = System::getenv;
    /** The clock waits and deadlines run on; the fault tests use a virtual one so backoffs cost no real time. */
    static RailwayTime time = RailwayTime.system();

    @Option(names = "--service", required = true, paramLabel = "S", description = "Service name or id.")
    String service;

    @Option(names = "--environment", paramLabel = "E",
            description = "Environment name or id (a project token brings its own).")
    String environmentName;

    @Option(names = "--project", paramLabel = "P", description = "Project name or id (needed with RAILWAY_API_TOKEN).")
    String project;

    @Option(names = "--timeout", defaultValue = "20m", paramLabel = "D",
            description = "Longest the whole command may take: finding the target, the upload and the wait for the"
                    + " verdict (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--poll-interval", defaultValue = "10s", paramLabel = "D",
            description = "Time between status polls when Railway's subscription cannot be opened; longer while"
                    + " nothing changes or the rate limit runs low (default ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--api-url", defaultValue = RailwayEndpoints.DEFAULT_API_URL, paramLabel = "URL",
            description = "Railway API base URL (default ${DEFAULT-VALUE}).")
    String apiUrl;

    FollowOptions follow(Duration stableFor, boolean allowSkipped, boolean waitForApproval) {
        return new FollowOptions(timeout, pollInterval, stableFor, allowSkipped, waitForApproval);
    }

    /** RAILWAY_TOKEN (project token) wins over RAILWAY_API_TOKEN (account or workspace token). */
    RailwayConnection connect(ProgressLog out) {
        RailwayToken token = RailwayToken.fromEnvironment(environment);
        return new RailwayConnection(RailwayEndpoints.of(apiUrl), token, RailwayEndpoints.httpClient(), time, out,
                Redactor.byShape());
    }

    /**
     * Writes a command's record into {@code --report-dir} when one was given; {@code out} null writes it quietly
     * (railway-up's early record, written again at the end).
     */
    static void writeRecord(Path reportDir, String fileName, DeploymentRecord record, ProgressLog out)
            throws IOException {
        if (reportDir != null) {
            Path file = reportDir.resolve(fileName);
            Json.write(file, record);
            if (out != null) {
                out.line("report: " + file);
            }
        }
    }
}
