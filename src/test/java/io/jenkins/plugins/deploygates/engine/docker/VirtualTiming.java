package io.jenkins.plugins.deploygates.engine.docker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when the engine sleeps, so polling is exact and instant. */
final class VirtualTiming implements Timing {
    private long now;
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        now += duration.toMillis();
    }
}
