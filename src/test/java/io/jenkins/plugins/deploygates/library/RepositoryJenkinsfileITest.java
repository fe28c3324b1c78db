package io.jenkins.plugins.deploygates.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploygates.testing.GitRepository;
import io.jenkins.plugins.deploygates.testing.JenkinsResponse;
import io.jenkins.plugins.deploygates.testing.RealBuild;
import io.jenkins.plugins.deploygates.testing.RealJenkins;
import io.jenkins.plugins.deploygates.testing.RealServices;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * This repository's own Jenkinsfile, as written, in the kit's real Jenkins: "Pipeline script from SCM" on a
 * snapshot of this working tree, on an agent labelled {@code linux java17} as the Jenkinsfile asks. Its last stage
 * loads this branch's library untrusted ({@code library(retriever: legacySCM(scm))}), so the Groovy sandbox judges
 * every call the library makes there.
 *
 * <p>The Jenkinsfile's {@code ./mvnw -B verify} is the suite this test belongs to; running it whole inside would
 * never end. The agent is therefore set up as a CI machine whose Maven (3.9 reads {@code MAVEN_ARGS} itself) builds
 * offline from the local repository, runs one library test class and no integration tests: everything else the
 * stage does (compile, package, surefire reports for {@code junit}) is real.
 */
class RepositoryJenkinsfileITest {
    private static final String JOB = "deploy-gates-jenkinsfile";

    @Test
    void theRepositorysJenkinsfileRunsGreenAndLoadsThisBranchsLibraryInTheSandbox() throws Exception {
        RealJenkins jenkins = RealJenkins.get();
        jenkins.agent("deploy-gates-ci", "linux java17", 1, Map.of("MAVEN_ARGS",
                "-o -Dtest=SettingsTest -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -P!install-maildev"));
        GitRepository project = GitRepository.at(RealServices.buildDirectory().resolve("real-jenkins/repos").resolve(JOB))
                .replaceWith(RealServices.buildDirectory().getParent(), ".");
        project.commit("this working tree, as the tests found it");
        jenkins.pipelineJobFromGit(JOB, project, "Jenkinsfile");

        RealBuild build = jenkins.build(JOB, "admin");

        assertThat(build.awaitResult(Duration.ofMinutes(25))).isEqualTo("SUCCESS");
        assertThat(build.console()).contains("Loading library deploy-gates@main", "(Library from this branch)");
        JenkinsResponse record = build.artifact("target/library-smoke/promotion-record.json");
        assertThat(record.status()).isEqualTo(200);
        JsonNode json = new ObjectMapper().readTree(record.body());
        assertThat(json.path("job").asText()).isEqualTo(JOB);
        assertThat(json.path("startedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(build.artifact("target/deploy-gates-cli.jar").status()).isEqualTo(200);
        assertThat(build.json("testReport/api/json?tree=passCount").path("passCount").asInt()).isPositive();
    }
}
