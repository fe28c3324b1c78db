package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.docker.DockerRollback;
import io.jenkins.plugins.deploygates.engine.docker.LocalProcessRunner;
import io.jenkins.plugins.deploygates.engine.docker.Timing;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code docker-rollback}: put back the images the last docker-rebuild kept, and verify them. */
@Command(name = "docker-rollback", mixinStandardHelpOptions = true,
        description = "Roll a docker-compose project back to the images the last docker-rebuild replaced.")
public final class DockerRollbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ComposeProjectOptions project = new ComposeProjectOptions();

    @Override
    public Integer call() throws Exception {
        project.requireWritableReportDir();
        try (StopSignals.Section section = StopSignals.interruptible()) { // Ctrl-C kills docker, not only us
            new DockerRollback(new LocalProcessRunner(), project.workdir.toAbsolutePath(),
                    ComposeProjectOptions.environment.get(), ComposeProjectOptions.log(spec), Timing.system())
                    .run(project.toOptions());
        } catch (InterruptedException e) {
            throw project.stopped("during the rollback: the running docker command was killed, so the rollback may"
                    + " be half done; run docker-rollback again", "dockerRollback.json");
        }
        return ExitCode.PASSED;
    }
}
