package io.jenkins.plugins.deploygates.engine.docker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine tests against {@link FakeDocker} share: a fresh fake per test, the console lines the engine wrote,
 * a virtual clock (no test sleeps), and the engines run as the CLI and the step run them.
 */
abstract class AgainstFakeDocker {
    @TempDir
    Path root;
    FakeDocker docker;
    final List<String> log = new ArrayList<>();
    final VirtualTiming timing = new VirtualTiming();

    @BeforeEach
    void startTheFake() throws Exception {
        docker = new FakeDocker(root);
    }

    Map<String, Object> rebuild(ComposeOptions options) throws Exception {
        return rebuild(options, docker.env());
    }

    Map<String, Object> rebuild(ComposeOptions options, Map<String, String> env) throws Exception {
        return new DockerRebuild(new LocalProcessRunner(), docker.project, env, log::add, timing).run(options);
    }

    Map<String, Object> rollback(ComposeOptions options) throws Exception {
        return new DockerRollback(new LocalProcessRunner(), docker.project, docker.env(), log::add, timing)
                .run(options);
    }
}
