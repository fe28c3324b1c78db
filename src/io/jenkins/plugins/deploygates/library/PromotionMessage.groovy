package io.jenkins.plugins.deploygates.library

import com.cloudbees.groovy.cps.NonCPS

/**
 * What the approver reads on the input page: what staging proved, how long it soaked, who approved so far, one fact
 * a line. Jenkins shows the input's message as one heading with its line breaks dropped, so these lines go into a
 * text field of the input and the message stays the question.
 */
class PromotionMessage implements Serializable {

    private static final long serialVersionUID = 1L

    /**
     * {@code evidence}: [commit:, deployments: [[service:, deploymentId:, status:]], gates: [[gate:, verdict:, p95Ms:]]].
     */
    @NonCPS
    static String render(Map evidence, Map soak, Quorum quorum) {
        List<String> lines = []
        if (evidence?.commit) {
            lines << "Commit: ${evidence.commit}".toString()
        }
        (evidence?.deployments ?: []).each { Map d ->
            lines << "Staging deployment ${d.service ?: ''}: ${d.deploymentId ?: 'n/a'} (${d.status ?: 'n/a'})".toString()
        }
        (evidence?.gates ?: []).each { Map g ->
            String figures = g.p95Ms != null ? ", p95 ${g.p95Ms}ms" : ''
            lines << "Staging gate ${g.gate}: ${g.verdict}${figures}".toString()
        }
        lines << "Soak: ${soak.text}${soak.met ? '' : ' (not met)'}".toString()
        lines << "Approvals: ${quorum.approvals.size()} of ${quorum.required}${quorum.approvers() ? ' (' + quorum.approvers().join(', ') + ')' : ''}".toString()
        if (quorum.fourEyes && quorum.starter) {
            lines << "Four-eyes: ${quorum.starter} started this build and cannot approve it".toString()
        }
        return lines.join('\n')
    }
}
