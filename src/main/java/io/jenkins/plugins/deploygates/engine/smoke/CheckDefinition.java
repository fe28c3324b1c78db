package io.jenkins.plugins.deploygates.engine.smoke;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/** A named check of a flow: its steps run in order, and the first unmet expectation is its failure. */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class CheckDefinition {
    public String name;
    /** Run the check only when this variable was given (optional checks such as an expired token). */
    public String runIf;
    /** Checks that must have passed first; otherwise this one is skipped (it could not say anything). */
    public List<String> after = new ArrayList<>();
    public List<StepDefinition> steps = new ArrayList<>();
}
