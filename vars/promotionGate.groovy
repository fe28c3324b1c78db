import groovy.transform.Field
import io.jenkins.plugins.deploygates.library.Clock
import io.jenkins.plugins.deploygates.library.DurationText
import io.jenkins.plugins.deploygates.library.Interruption
import io.jenkins.plugins.deploygates.library.PromotionMessage
import io.jenkins.plugins.deploygates.library.Quorum
import io.jenkins.plugins.deploygates.library.Settings
import io.jenkins.plugins.deploygates.library.Soak

@Field static final Map<String, List> SCHEMA = [
        id            : [String, 'Promote'],
        message       : [String, 'Promote to production?'],
        evidence      : [Map, [:]],
        submitter     : [String, ''],
        timeout       : [Settings.DURATION, '72h'],
        quorum        : [Integer, 1],
        fourEyes      : [Boolean, true],
        minimumSoak   : [Settings.DURATION, '24h'],
        stagingReadyAt: [Integer, null],
]

/**
 * Waits, without holding an executor (call it outside node / in a stage with agent none), for enough approvals
 * to promote. Returns [promoted:, outcome:, approvals:, refusals:, soak:]; when not promoted the build ends
 * NOT_BUILT with the outcome as its description.
 */
Map call(Map args = [:]) {
    String problem = Settings.problem(SCHEMA, args)
    if (problem != null) {
        error "[promotionGate] ${problem}"
    }
    Map cfg = Settings.merge(SCHEMA, args)
    if (cfg.quorum < 1) {
        error "[promotionGate] setting 'quorum' must be at least 1"
    }
    milestone(label: "${cfg.id} requested")
    Map decision = collect(cfg, new Quorum((int) cfg.quorum, (boolean) cfg.fourEyes, starter()))
    echo "[promotionGate] ${decision.outcome}"
    if (decision.promoted) {
        milestone(label: "${cfg.id} approved")
    } else {
        currentBuild.result = 'NOT_BUILT'
        currentBuild.description = decision.outcome
    }
    return decision
}

Map collect(Map cfg, Quorum quorum) {
    long start = Clock.nowMillis()
    long readyAt = cfg.stagingReadyAt != null ? (long) cfg.stagingReadyAt : start
    long deadline = start + DurationText.toMillis(cfg.timeout)
    int round = 0
    while (!quorum.met) {
        round++
        Map answer = ask(cfg, quorum, Soak.evaluate(readyAt, Clock.nowMillis(), cfg.minimumSoak), round, deadline)
        if (answer.ended != null) {
            return decision(false, answer.ended, quorum, readyAt, cfg)
        }
        Map verdict = quorum.consider(answer, Soak.evaluate(readyAt, Clock.nowMillis(), cfg.minimumSoak), Clock.nowMillis())
        echo "[promotionGate] ${verdict.text}"
    }
    return decision(true, "promoted by ${quorum.approvers().join(', ')}".toString(), quorum, readyAt, cfg)
}

/** One input round: the answer as [user:, overrideSoak:, reason:], or [ended: outcome] on timeout or rejection. */
Map ask(Map cfg, Quorum quorum, Map soak, int round, long deadline) {
    long left = deadline - Clock.nowMillis()
    if (left <= 0) {
        return [ended: "timed out after ${cfg.timeout}, not promoted".toString()]
    }
    String evidence = PromotionMessage.render(cfg.evidence, soak, quorum)
    echo "[promotionGate] waiting for approval ${quorum.approvals.size() + 1} of ${cfg.quorum}:\n${evidence}"
    Map inputArgs = [id: round == 1 ? cfg.id : "${cfg.id}${round}".toString(), ok: 'Approve', message: cfg.message,
                     submitterParameter: 'APPROVER', parameters: [
            text(name: 'EVIDENCE', defaultValue: evidence, description: 'What staging proved (for reading: changes are ignored)'),
            booleanParam(name: 'OVERRIDE_SOAK', defaultValue: false, description: 'Promote before the soak minimum'),
            string(name: 'OVERRIDE_REASON', defaultValue: '', description: 'Why the soak minimum is overridden')]]
    if (cfg.submitter) {
        inputArgs.submitter = cfg.submitter
    }
    try {
        Map answer = null
        timeout(time: Math.max(1L, left.intdiv(1000L)), unit: 'SECONDS') {
            answer = input(inputArgs)
        }
        return [user: answer.APPROVER, overrideSoak: answer.OVERRIDE_SOAK, reason: answer.OVERRIDE_REASON]
    } catch (InterruptedException interruption) {
        Map why = Interruption.classify(interruption)
        if (why.kind == 'timeout') {
            return [ended: "timed out after ${cfg.timeout}, not promoted".toString()]
        }
        if (why.kind == 'rejected') {
            return [ended: "rejected by ${why.user ?: 'an approver'}, not promoted".toString()]
        }
        throw interruption
    }
}

Map decision(boolean promoted, String outcome, Quorum quorum, long readyAt, Map cfg) {
    return [promoted : promoted, outcome: outcome, approvals: quorum.approvals, refusals: quorum.refusals,
            soak     : Soak.evaluate(readyAt, Clock.nowMillis(), cfg.minimumSoak), decidedAt: Clock.iso(Clock.nowMillis())]
}

/** The user who started the build, when a person did (four-eyes has nobody to exclude for timer/SCM builds). */
String starter() {
    List causes = currentBuild.getBuildCauses('hudson.model.Cause$UserIdCause')
    return causes ? causes[0].userId : null
}
