package io.jenkins.plugins.deploygates.library

import com.cloudbees.groovy.cps.NonCPS

/**
 * Approvals collected by the promotion gate: N distinct approvers, optionally never the user who started the build
 * (four-eyes), each approval checked against the staging soak minimum, which only an approver with a reason may
 * override. Refused answers are kept so the record shows who tried and why it did not count.
 */
class Quorum implements Serializable {

    private static final long serialVersionUID = 1L

    final int required
    final boolean fourEyes
    final String starter
    final List<Map> approvals = []
    final List<Map> refusals = []

    Quorum(int required, boolean fourEyes, String starter) {
        this.required = required
        this.fourEyes = fourEyes
        this.starter = starter
    }

    /**
     * Weighs one answer of the input step ([user:, overrideSoak:, reason:]) given the soak at that moment.
     * Returns [accepted: boolean, text: why].
     */
    @NonCPS
    Map consider(Map answer, Map soak, long atMillis) {
        String user = answer.user ? answer.user.toString() : null
        String reason = answer.reason ? answer.reason.toString().trim() : ''
        boolean override = answer.overrideSoak == true
        String refusal = refusalOf(user, override, reason, soak)
        Map entry = [user: user, at: Clock.iso(atMillis), overrideSoak: override, reason: reason, soak: soak.text]
        if (refusal != null) {
            refusals << (entry + [refused: refusal])
            return [accepted: false, text: "approval by ${user} refused: ${refusal}".toString()]
        }
        approvals << entry
        return [accepted: true, text: "approval ${approvals.size()} of ${required} by ${user}".toString()]
    }

    @NonCPS
    boolean isMet() {
        return approvals.size() >= required
    }

    @NonCPS
    List<String> approvers() {
        return approvals.collect { it.user as String }
    }

    @NonCPS
    private String refusalOf(String user, boolean override, String reason, Map soak) {
        if (user == null) {
            return 'the answer carries no user id (is submitterParameter set?)'
        }
        if (fourEyes && user == starter) {
            return "four-eyes is on and ${user} started this build; another person must approve"
        }
        if (approvers().contains(user)) {
            return "${user} has already approved; ${required} distinct approvers are needed"
        }
        if (!soak.met && !override) {
            return "${soak.text}; tick OVERRIDE_SOAK and give OVERRIDE_REASON to promote earlier"
        }
        if (!soak.met && !reason) {
            return 'OVERRIDE_SOAK needs a reason in OVERRIDE_REASON'
        }
        return null
    }
}
