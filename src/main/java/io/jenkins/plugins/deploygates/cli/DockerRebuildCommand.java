package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.docker.ComposeOptions;
import io.jenkins.plugins.deploygates.engine.docker.DockerRebuild;
import io.jenkins.plugins.deploygates.engine.docker.LocalProcessRunner;
import io.jenkins.plugins.deploygates.engine.docker.Timing;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code docker-rebuild}: rebuild a Compose project without cache, recreate it, verify it, roll back on failure. */
@Command(name = "docker-rebuild", mixinStandardHelpOptions = true,
        description = "Rebuild and recreate a docker-compose project, prove it runs the new images, roll back if not.")
public final class DockerRebuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ComposeProjectOptions project = new ComposeProjectOptions();

    @ArgGroup(exclusive = true)
    Cache cache = new Cache();

    @ArgGroup(exclusive = true)
    Pull pull = new Pull();

    @Option(names = "--service", paramLabel = "S", description = "Service to rebuild and deploy; repeat for several (default: all).")
    List<String> services = new ArrayList<>();

    @Option(names = "--no-rollback", description = "Leave failed containers as they are instead of rolling back.")
    boolean noRollback;

    @Option(names = "--keep-orphans", description = "Do not remove containers of services no longer in the file.")
    boolean keepOrphans;

    @Option(names = "--build-arg", paramLabel = "NAME", description = "Build arg whose value is read from the environment variable NAME.")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--build-secret", paramLabel = "NAME", description = "Environment variable holding a build secret; its value is masked in all output.")
    List<String> buildSecrets = new ArrayList<>();

    static final class Cache {
        @Option(names = "--no-cache", description = "Build without cache (default).")
        boolean noCache;
        @Option(names = "--cache", description = "Let the build use its cache.")
        boolean cache;
    }

    static final class Pull {
        @Option(names = "--pull", description = "Pull newer base images when building (default).")
        boolean pull;
        @Option(names = "--no-pull", description = "Build on the base images already there.")
        boolean noPull;
    }

    @Override
    public Integer call() throws Exception {
        ComposeOptions options = project.toOptions(services).noCache(!cache.cache).pull(!pull.noPull)
                .rollbackOnFailure(!noRollback).removeOrphans(!keepOrphans).buildArgs(buildArgs)
                .buildSecrets(buildSecrets);
        try (StopSignals.Section section = StopSignals.interruptible()) { // Ctrl-C kills docker, not only us
            new DockerRebuild(new LocalProcessRunner(), project.workdir(),
                    ComposeProjectOptions.environment.get(), ComposeProjectOptions.log(spec), Timing.system()).run(options);
        } catch (InterruptedException e) {
            throw project.stopped("during the rebuild", e, "dockerRebuild.json");
        }
        return ExitCode.PASSED;
    }
}
