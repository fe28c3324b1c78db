package io.jenkins.plugins.deploygates.engine.health;

/** The two phases of a gate: wait until healthy, then (optionally) watch for a rollback signal. */
public enum Phase {
    AWAIT,
    WATCH
}
