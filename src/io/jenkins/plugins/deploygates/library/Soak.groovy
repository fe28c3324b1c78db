package io.jenkins.plugins.deploygates.library

import com.cloudbees.groovy.cps.NonCPS

/** How long staging has been validated, against the minimum required before production. */
class Soak implements Serializable {

    private static final long serialVersionUID = 1L

    @NonCPS
    static Map evaluate(long readyAtMillis, long nowMillis, String minimum) {
        long required = DurationText.toMillis(minimum)
        long soaked = Math.max(0L, nowMillis - readyAtMillis)
        String text = "staging has soaked ${DurationText.format(soaked)} of the required ${DurationText.format(required)}"
        return [met: soaked >= required, soakedMs: soaked, requiredMs: required, text: text.toString()]
    }
}
