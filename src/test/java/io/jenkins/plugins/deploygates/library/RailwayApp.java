package io.jenkins.plugins.deploygates.library;

import static io.jenkins.plugins.deploygates.library.LibraryJenkinsfile.quoted;

import io.jenkins.plugins.deploygates.engine.railway.FakeRailway;
import io.jenkins.plugins.deploygates.testing.GitRepository;
import io.jenkins.plugins.deploygates.testing.RealBuild;
import io.jenkins.plugins.deploygates.testing.RealJenkins;
import io.jenkins.plugins.deploygates.testing.RealServices;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An application deployed to Railway by deployPipeline, with everything it reaches on loopback: the Railway
 * double ({@link FakeRailway}: project {@code shop}, services {@code api} and {@code worker}, environments staging
 * and production; an account token), a staging and a production service for the gates, and the git repository
 * Jenkins checks the application and its Jenkinsfile out of. Gates probe every second and the watch lasts
 * seconds, so a whole promotion takes about a minute.
 */
final class RailwayApp implements AutoCloseable {
    static final String CREDENTIALS = "deploy-gates-fake-railway";
    final FakeRailway railway;
    final ServiceDouble staging;
    final ServiceDouble production;
    final LibraryJenkinsfile jenkinsfile = new LibraryJenkinsfile("deployPipeline");
    private final RealJenkins jenkins;
    private final String job;
    private String commit;

    private RailwayApp(RealJenkins jenkins, String job, String... services) throws IOException {
        this.jenkins = jenkins;
        this.job = job;
        railway = new FakeRailway();
        staging = ServiceDouble.start();
        production = ServiceDouble.start();
        jenkinsfile.set("agentLabel", quoted(RealJenkins.AGENT_LABEL))
                .set("tests", quoted("test -f api/app.txt"))
                .set("services", List.of(services).stream().map(s -> "[name: '" + s + "', path: '" + s + "']")
                        .collect(Collectors.joining(", ", "[", "]")))
                .set("railwayProject", "'shop'")
                .set("railwayApiUrl", quoted(railway.url()))
                .set("railwayTokenKind", "'account'")
                .set("railwayPollInterval", "'1s'")
                .set("credentialsId", quoted(CREDENTIALS))
                .set("staging", "[health: " + quoted(staging.healthUrl()) + "]")
                .set("production", "[health: " + quoted(production.healthUrl()) + "]")
                .set("healthTimeout", "'1m'")
                .set("healthInterval", "'1s'")
                .set("minimumSoak", "'0s'")
                .set("approvalTimeout", "'10m'")
                .set("watch", "'3s'")
                .set("maxP95", "'5s'");
    }

    /** The application with these Railway services, deployed by {@code job} of the suite's Jenkins. */
    static RailwayApp start(String job, String... services) throws IOException {
        RealJenkins jenkins = RealJenkins.get();
        jenkins.secretText(CREDENTIALS, FakeRailway.ACCOUNT_TOKEN);
        return new RailwayApp(jenkins, job, services);
    }

    RailwayApp set(String setting, String groovy) {
        jenkinsfile.set(setting, groovy);
        return this;
    }

    /**
     * A build of the job started by {@code user}; the first one commits the application with its Jenkinsfile (the
     * settings as set so far) and creates the job.
     */
    RealBuild startedBy(String user) {
        if (commit == null) {
            GitRepository repository = GitRepository.at(RealServices.buildDirectory().resolve("real-jenkins/repos").resolve(job))
                    .write("Jenkinsfile", jenkinsfile.text())
                    .write("api/app.txt", "the api of " + job + "\n")
                    .write("worker/app.txt", "the worker of " + job + "\n");
            commit = repository.commit("the application " + job + " deploys");
            jenkins.pipelineJobFromGit(job, repository, "Jenkinsfile");
        }
        return jenkins.build(job, user);
    }

    /** The commit the job deploys (once a build was started). */
    String commit() {
        return commit;
    }

    /** The uploads Railway received for one environment (env-staging, env-prod), as "service by build". */
    List<String> uploads(String environmentId) {
        return railway.uploads().stream().filter(u -> u.path().contains("/environment/" + environmentId + "/"))
                .map(u -> okhttp3.HttpUrl.get("http://x" + u.path()))
                .map(url -> url.queryParameter("serviceId") + " by " + url.queryParameter("message"))
                .collect(Collectors.toList());
    }

    @Override
    public void close() throws IOException {
        railway.close();
        staging.close();
        production.close();
    }
}
