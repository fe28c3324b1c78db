package io.jenkins.plugins.deploygates.engine.smoke;

import java.time.Duration;

/** Waits out a {@code Retry-After}; tests inject one that moves a clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper real() {
        return d -> Thread.sleep(d.toMillis());
    }
}
