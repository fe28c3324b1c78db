package io.jenkins.plugins.deploygates.engine.railway;

import java.time.Duration;
import java.time.Instant;

/**
 * The engine's only source of time: every wait and every deadline goes through it, so tests of a 20-minute
 * timeout can run on a virtual clock in milliseconds.
 */
public interface RailwayTime {
    Instant now();

    void sleep(Duration duration) throws InterruptedException;

    static RailwayTime system() {
        return new RailwayTime() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                if (!duration.isNegative() && !duration.isZero()) {
                    Thread.sleep(duration.toMillis());
                }
            }
        };
    }
}
