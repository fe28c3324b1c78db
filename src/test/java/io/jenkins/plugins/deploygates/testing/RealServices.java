package io.jenkins.plugins.deploygates.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What every real service of the suite shares: where it lives ({@code target/real-services/<name>}, stopped by
 * {@code build/stop-real-services} after the integration tests) and what a test does when it cannot have it: skip
 * with one line, or fail with that line when {@code DEPLOY_GATES_REAL_SERVICES=required} (CI sets it).
 */
public final class RealServices {
    private RealServices() {}

    /** The project's build directory ({@code target}), as failsafe names it, else the working directory's. */
    public static Path buildDirectory() {
        return Path.of(System.getProperty("buildDirectory", "target")).toAbsolutePath().normalize();
    }

    /** The folder a real service keeps all its state in. */
    public static Path directory(String service) {
        return buildDirectory().resolve("real-services").resolve(service);
    }

    /** The shared kit ({@code ../shared} beside the project), which this project's machines and CI provide. */
    public static Path shared(String part) {
        return buildDirectory().getParent().resolve("../shared").resolve(part).normalize();
    }

    /** Skips the calling test with {@code why}, or fails it when the real services are required. */
    public static RuntimeException unavailable(String why) {
        if ("required".equals(System.getenv("DEPLOY_GATES_REAL_SERVICES"))) {
            Assertions.fail(why + " (DEPLOY_GATES_REAL_SERVICES=required)");
        }
        Assumptions.abort(why);
        return new IllegalStateException(why); // not reached: both calls above throw
    }
}
