package io.jenkins.plugins.deploygates.engine.health;

/** How one probe ended, in the vocabulary of Argo Rollouts' analysis runs. */
public enum Outcome {
    /** The target answered as expected. */
    SUCCESS,
    /** The target answered, but not as expected: wrong status, failed assertion, body too large. */
    FAILURE,
    /** The target did not answer: connection refused or reset, TLS failure, timeout. */
    ERROR
}
