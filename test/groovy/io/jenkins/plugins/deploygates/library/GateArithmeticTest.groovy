package io.jenkins.plugins.deploygates.library

import org.junit.Test

import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.assertThatThrownBy

/** Durations, soak and quorum: the arithmetic behind the promotion gate. */
class GateArithmeticTest {

    static final long HOUR = 3600000L
    static final Map SOAKED = [met: true, text: 'staging has soaked 30h of the required 24h']
    static final Map UNSOAKED = [met: false, text: 'staging has soaked 2h of the required 24h']

    @Test
    void durationsReadAndWriteLikeThePluginSteps() {
        assertThat(DurationText.toMillis('500ms')).isEqualTo(500L)
        assertThat(DurationText.toMillis('15m')).isEqualTo(900000L)
        assertThat(DurationText.toMillis('2d')).isEqualTo(48 * HOUR)
        assertThat(DurationText.format(25 * HOUR + 90000L)).isEqualTo('25h 1m')
        assertThat(DurationText.format(0L)).isEqualTo('0ms')
        assertThat(DurationText.toSeconds('72h')).isEqualTo(259200L)
        assertThat(DurationText.isValid('15 m')).isFalse()
        assertThatThrownBy { DurationText.toMillis('soon') }.hasMessageContaining("'soon' is not a duration")
    }

    @Test
    void soakIsTheTimeSinceStagingWasReady() {
        assertThat(Soak.evaluate(0L, 24 * HOUR, '24h')).containsEntry('met', true).containsEntry('soakedMs', 24 * HOUR)
        Map short1 = Soak.evaluate(0L, 24 * HOUR - 1, '24h')
        assertThat(short1.met).isEqualTo(false)
        assertThat(short1.text).isEqualTo('staging has soaked 23h 59m of the required 24h')
        assertThat(Soak.evaluate(10L, 0L, '1h').soakedMs).as('a clock behind the ready time').isEqualTo(0L)
    }

    @Test
    void quorumCountsDistinctApproversOnly() {
        Quorum quorum = new Quorum(2, true, 'alice')
        assertThat(quorum.consider([user: 'bob'], SOAKED, 0L)).isEqualTo([accepted: true, text: 'approval 1 of 2 by bob'])
        assertThat(quorum.consider([user: 'bob'], SOAKED, 0L).accepted).isFalse()
        assertThat(quorum.met).isFalse()
        assertThat(quorum.consider([user: 'carol'], SOAKED, 0L).accepted).isTrue()
        assertThat(quorum.met).isTrue()
        assertThat(quorum.approvers()).containsExactly('bob', 'carol')
    }

    @Test
    void fourEyesRefusesTheStarterOnlyWhenOn() {
        assertThat(new Quorum(1, true, 'alice').consider([user: 'alice'], SOAKED, 0L).text).isEqualTo(
                'approval by alice refused: four-eyes is on and alice started this build; another person must approve')
        assertThat(new Quorum(1, false, 'alice').consider([user: 'alice'], SOAKED, 0L).accepted).isTrue()
        assertThat(new Quorum(1, true, null).consider([user: 'alice'], SOAKED, 0L).accepted).as('timer-started build').isTrue()
    }

    @Test
    void anUnmetSoakNeedsAnOverrideWithAReason() {
        Quorum quorum = new Quorum(1, true, 'alice')
        assertThat(quorum.consider([user: 'bob'], UNSOAKED, 0L).accepted).isFalse()
        assertThat(quorum.consider([user: 'bob', overrideSoak: true, reason: '  '], UNSOAKED, 0L).accepted).isFalse()
        assertThat(quorum.consider([user: 'bob', overrideSoak: true, reason: 'hotfix'], UNSOAKED, 0L).accepted).isTrue()
        assertThat(quorum.refusals*.refused).containsExactly(
                'staging has soaked 2h of the required 24h; tick OVERRIDE_SOAK and give OVERRIDE_REASON to promote earlier',
                'OVERRIDE_SOAK needs a reason in OVERRIDE_REASON')
        assertThat(quorum.approvals[0]).containsEntry('reason', 'hotfix').containsEntry('at', '1970-01-01T00:00:00Z')
    }

    @Test
    void anAnswerWithoutAUserIsRefused() {
        assertThat(new Quorum(1, true, 'alice').consider([:], SOAKED, 0L).accepted).isFalse()
    }
}
