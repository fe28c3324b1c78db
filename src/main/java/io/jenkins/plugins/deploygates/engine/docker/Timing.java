package io.jenkins.plugins.deploygates.engine.docker;

import java.time.Duration;

/** The clock and the pause the verification polls with; the tests pass a virtual one so no test sleeps. */
public interface Timing {
    long nowMillis();

    void sleep(Duration duration) throws InterruptedException;

    static Timing system() {
        return new Timing() {
            @Override
            public long nowMillis() {
                return System.nanoTime() / 1_000_000;
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration.toMillis());
            }
        };
    }
}
