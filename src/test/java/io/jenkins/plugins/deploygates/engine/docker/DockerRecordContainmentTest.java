package io.jenkins.plugins.deploygates.engine.docker;

import static io.jenkins.plugins.deploygates.engine.docker.DockerRebuildTest.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack: a repository plants symbolic links where the step writes its record, to make the Jenkins agent
 * overwrite a file outside the workspace. The record must stay inside the report folder by real path.
 */
class DockerRecordContainmentTest {
    @TempDir
    Path root;
    FakeDocker docker;
    Path outside;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        docker = new FakeDocker(root.resolve("agent"));
        outside = Files.createDirectories(root.resolve("jenkins-home/secrets"));
    }

    void rebuild(ComposeOptions options) throws Exception {
        new DockerRebuild(new LocalProcessRunner(), docker.project, docker.env(), log::add, new VirtualTiming())
                .run(options);
    }

    void rollback(ComposeOptions options) throws Exception {
        new DockerRollback(new LocalProcessRunner(), docker.project, docker.env(), log::add, new VirtualTiming())
                .run(options);
    }

    @Test
    void aReportFolderLinkedOutOfTheWorkspaceIsRefusedBeforeAnythingRuns() throws Exception {
        Files.createSymbolicLink(docker.project.resolve("reports"), outside);

        assertThatThrownBy(() -> rebuild(options())).isInstanceOf(ConfigurationException.class)
                .hasMessage("reportDir 'reports' leads out of " + docker.project.toRealPath() + " through the symbolic "
                        + "link " + docker.project.toRealPath().resolve("reports") + " (to " + outside.toRealPath()
                        + "): remove the link or choose another reportDir.");
        assertThatThrownBy(() -> rollback(options())).isInstanceOf(ConfigurationException.class);
        assertThat(outside).isEmptyDirectory();
        assertThat(docker.calls()).isEmpty();
    }

    @Test
    void aLinkDeeperInTheReportPathIsRefusedToo() throws Exception {
        Files.createDirectories(docker.project.resolve("reports"));
        Files.createSymbolicLink(docker.project.resolve("reports/production"), outside);

        assertThatThrownBy(() -> rebuild(options().reportDir("reports/production/docker")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("leads out of");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aLinkPlantedAtTheRecordsOwnNameIsReplacedNotFollowed() throws Exception {
        Path precious = Files.writeString(outside.resolve("master.key"), "do not overwrite");
        Files.createDirectories(docker.project.resolve("reports"));
        Files.createSymbolicLink(docker.project.resolve("reports/dockerRebuild.json"), precious);

        rebuild(options());

        assertThat(precious).hasContent("do not overwrite");
        assertThat(docker.project.resolve("reports/dockerRebuild.json")).isRegularFile()
                .content().contains("\"verdict\" : \"passed\"");
    }

    @Test
    void aLinkThatStaysInsideTheWorkspaceIsFollowed() throws Exception {
        Files.createDirectories(docker.project.resolve("build/reports"));
        Files.createSymbolicLink(docker.project.resolve("reports"), docker.project.resolve("build/reports"));

        rebuild(options());

        assertThat(docker.project.resolve("build/reports/dockerRebuild.json")).isRegularFile();
    }

    @Test
    void aFolderChosenOutsideTheWorkspaceIsTheUsersChoice() throws Exception {
        Path chosen = root.resolve("ci-reports/docker");

        rebuild(options().reportDir(chosen.toString()));

        assertThat(chosen.resolve("dockerRebuild.json")).isRegularFile();
    }
}
