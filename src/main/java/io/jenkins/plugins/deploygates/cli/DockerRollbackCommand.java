package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.docker.DockerRollback;
import io.jenkins.plugins.deploygates.engine.docker.LocalProcessRunner;
import io.jenkins.plugins.deploygates.engine.docker.Timing;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code docker-rollback}: put back the images the last docker-rebuild kept, and verify them. */
@Command(name = "docker-rollback", mixinStandardHelpOptions = true,
        description = "Roll a docker-compose project back to the images the last docker-rebuild replaced.")
public final class DockerRollbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ComposeProjectOptions project = new ComposeProjectOptions();

    @Option(names = "--service", paramLabel = "S", description = "Service to roll back; repeat for several (default: all).")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        try (StopSignals.Section section = StopSignals.interruptible()) { // Ctrl-C kills docker, not only us
            new DockerRollback(new LocalProcessRunner(), project.workdir(),
                    ComposeProjectOptions.environment.get(), ComposeProjectOptions.log(spec), Timing.system())
                    .run(project.toOptions(services));
        } catch (InterruptedException e) {
            throw project.stopped("during the rollback", e, "dockerRollback.json");
        }
        return ExitCode.PASSED;
    }
}
