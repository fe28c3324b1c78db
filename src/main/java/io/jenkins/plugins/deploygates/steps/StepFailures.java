package io.jenkins.plugins.deploygates.steps;

import hudson.AbortException;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.common.Redactor;

/**
 * Maps what an engine throws to what Jenkins shows: user mistakes and failed verdicts become an
 * {@link AbortException} (a red build with one line, no stack trace); anything else stays a bug.
 */
final class StepFailures {
    private StepFailures() {}

    static Throwable forJenkins(String stepName, Throwable t) {
        if (t instanceof ConfigurationException || t instanceof GateFailedException) {
            return new AbortException(stepName + ": " + Redactor.byShape().redact(t.getMessage()));
        }
        return t;
    }

    /** A one-sentence check for a descriptor's form: null when the value is fine, else the message. */
    static String check(Runnable validation) {
        try {
            validation.run();
            return null;
        } catch (ConfigurationException e) {
            return e.getMessage();
        }
    }
}
