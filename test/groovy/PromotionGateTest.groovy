import org.junit.Test
import support.FakeFlowInterruptedException

import static org.assertj.core.api.Assertions.assertThat

class PromotionGateTest extends BaseLibraryTest {

    /** Staging became ready 30 hours before the gate opens, so the 24h soak is met unless a test says otherwise. */
    Map gate(Map overrides = [:]) {
        return [stagingReadyAt: now - 30 * HOUR, evidence: [commit: COMMIT,
                deployments: [[service: 'backend', deploymentId: 'dep-staging-backend', status: 'SUCCESS']],
                gates: [[gate: 'health', verdict: 'PASS', p95Ms: 120]]]] + overrides
    }

    Map decide(Map args) {
        Map decision = null
        Throwable failure = null
        try {
            decision = (Map) jenkinsfile.invokeMethod('promotionGate', [args] as Object[])
        } catch (Throwable thrown) {
            failure = thrown
        }
        assertThat(failure).as('promotionGate threw').isNull()
        return decision
    }

    @Test
    void anApproverPromotesAndIsRecordedWithTime() {
        approvals << [user: 'bob', afterMs: HOUR]

        Map decision = decide(gate())

        assertThat(decision.promoted).isTrue()
        assertThat(decision.outcome).isEqualTo('promoted by bob')
        assertThat(decision.approvals[0]).containsEntry('user', 'bob').containsEntry('at', '2027-01-15T09:00:00Z')
        assertThat(inputCalls[0]).containsEntry('id', 'Promote').containsEntry('submitterParameter', 'APPROVER')
        assertThat(inputCalls[0].message).isEqualTo('Promote to production?')
        assertThat(evidenceOf(inputCalls[0])).contains("Commit: ${COMMIT}",
                'Staging deployment backend: dep-staging-backend (SUCCESS)', 'Staging gate health: PASS, p95 120ms',
                'staging has soaked 30h of the required 24h', 'Approvals: 0 of 1')
        assertThat(callsOf('milestone')*.label*.toString()).containsExactly('Promote requested', 'Promote approved')
        assertJobStatusSuccess()
    }

    @Test
    void aTimeoutEndsWithAnExplicitOutcomeNotABareAbort() {
        Map decision = decide(gate(timeout: '8h'))

        assertThat(decision.promoted).isFalse()
        assertThat(decision.outcome).isEqualTo('timed out after 8h, not promoted')
        assertThat(build.result).isEqualTo('NOT_BUILT')
        assertThat(build.description).isEqualTo('timed out after 8h, not promoted')
        assertThat(log).contains('[promotionGate] timed out after 8h, not promoted')
        assertThat(callsOf('timeout')[0]).containsEntry('time', 8 * 3600L).containsEntry('unit', 'SECONDS')
        assertThat(callsOf('milestone')).hasSize(1)
    }

    @Test
    void theStarterCannotApproveUnderFourEyes() {
        approvals << [user: 'alice'] << [user: 'bob', afterMs: HOUR]

        Map decision = decide(gate())

        assertThat(decision.outcome).isEqualTo('promoted by bob')
        assertThat(decision.refusals[0].user).isEqualTo('alice')
        assertThat(decision.refusals[0].refused).isEqualTo('four-eyes is on and alice started this build; another person must approve')
        assertThat(log).contains('[promotionGate] approval by alice refused: four-eyes is on and alice started this build; another person must approve')
        assertThat(evidenceOf(inputCalls[1])).contains('Four-eyes: alice started this build and cannot approve it')
    }

    @Test
    void theStarterMayApproveWhenFourEyesIsOff() {
        approvals << [user: 'alice']

        assertThat(decide(gate(fourEyes: false)).outcome).isEqualTo('promoted by alice')
    }

    @Test
    void theStarterAloneRunsIntoTheTimeout() {
        approvals << [user: 'alice'] << [user: 'alice']

        Map decision = decide(gate())

        assertThat(decision.promoted).isFalse()
        assertThat(decision.refusals).hasSize(2)
        assertThat(decision.outcome).isEqualTo('timed out after 72h, not promoted')
    }

    @Test
    void aQuorumOfTwoNeedsTwoDistinctPeople() {
        approvals << [user: 'bob'] << [user: 'bob', afterMs: HOUR] << [user: 'carol', afterMs: HOUR]

        Map decision = decide(gate(quorum: 2))

        assertThat(decision.promoted).isTrue()
        assertThat(decision.approvals*.user).containsExactly('bob', 'carol')
        assertThat(decision.refusals[0].refused).isEqualTo('bob has already approved; 2 distinct approvers are needed')
        assertThat(inputCalls*.id*.toString()).containsExactly('Promote', 'Promote2', 'Promote3')
        assertThat(evidenceOf(inputCalls[1])).contains('Approvals: 1 of 2 (bob)')
    }

    @Test
    void theQuorumLoopSharesOneDeadline() {
        approvals << [user: 'bob', afterMs: 70 * HOUR]

        Map decision = decide(gate(quorum: 2))

        assertThat(callsOf('timeout')*.time).containsExactly(72 * 3600L, 2 * 3600L)
        assertThat(decision.outcome).isEqualTo('timed out after 72h, not promoted')
        assertThat(decision.approvals*.user).containsExactly('bob')
    }

    @Test
    void anUnmetSoakBlocksUnlessOverriddenWithAReason() {
        approvals << [user: 'bob'] << [user: 'bob', override: true] << [user: 'bob', override: true, reason: 'hotfix for checkout outage']

        Map decision = decide(gate(stagingReadyAt: now - 2 * HOUR))

        assertThat(decision.refusals*.refused).containsExactly(
                'staging has soaked 2h of the required 24h; tick OVERRIDE_SOAK and give OVERRIDE_REASON to promote earlier',
                'OVERRIDE_SOAK needs a reason in OVERRIDE_REASON')
        assertThat(decision.promoted).isTrue()
        assertThat(decision.approvals[0]).containsEntry('overrideSoak', true).containsEntry('reason', 'hotfix for checkout outage')
        assertThat(inputCalls[0].parameters*.name).containsExactly('EVIDENCE', 'OVERRIDE_SOAK', 'OVERRIDE_REASON')
    }

    @Test
    void anUnmetSoakWithoutOverrideIsNotPromoted() {
        approvals << [user: 'bob', afterMs: HOUR]

        Map decision = decide(gate(stagingReadyAt: now, timeout: '12h'))

        assertThat(decision.promoted).isFalse()
        assertThat(decision.refusals[0].soak).isEqualTo('staging has soaked 1h of the required 24h')
        assertThat(build.result).isEqualTo('NOT_BUILT')
    }

    @Test
    void soakIsMeasuredWhenTheApproverAnswers() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]

        assertThat(decide(gate(stagingReadyAt: now)).promoted).isTrue()
    }

    @Test
    void aRejectionNamesTheUser() {
        approvals << [reject: 'carol']

        Map decision = decide(gate())

        assertThat(decision.outcome).isEqualTo('rejected by carol, not promoted')
        assertThat(build.description).isEqualTo('rejected by carol, not promoted')
    }

    @Test
    void anAbortedBuildIsNotMistakenForATimeout() {
        helper.registerAllowedMethod('input', [Map], { Map args -> throw new FakeFlowInterruptedException(new Object()) })

        Throwable failure = runVar('promotionGate', gate())

        assertThat(failure).isInstanceOf(FakeFlowInterruptedException)
        assertThat(build.result).isEqualTo('ABORTED')
    }

    @Test
    void settingsAreCheckedByName() {
        assertThat(runVar('promotionGate', gate(quorum: 0))).hasMessage("[promotionGate] setting 'quorum' must be at least 1")
        assertThat(runVar('promotionGate', gate(fourEyes: 'yes'))).hasMessage(
                "[promotionGate] setting 'fourEyes' must be true or false, not String 'yes'")
        assertThat(runVar('promotionGate', gate(approvers: 'bob'))).hasMessageStartingWith(
                "[promotionGate] unknown setting 'approvers'; known settings are: id, message, evidence, submitter")
        assertThat(inputCalls).isEmpty()
    }
}
