package io.jenkins.plugins.deploygates.library

import org.junit.Test

import static org.assertj.core.api.Assertions.assertThat

class SettingsTest {

    static final Map<String, List> SCHEMA = [
            name   : [String, Settings.REQUIRED],
            count  : [Integer, 1],
            enabled: [Boolean, true],
            wait   : [Settings.DURATION, '5m'],
            command: [[Closure, String], null],
            ratio  : [Number, 0.01],
    ]

    @Test
    void defaultsFillWhatIsNotGiven() {
        assertThat(Settings.merge(SCHEMA, [name: 'api'])).isEqualTo(
                [name: 'api', count: 1, enabled: true, wait: '5m', command: null, ratio: 0.01])
    }

    @Test
    void givenValuesWinAndGStringsBecomeStrings() {
        String service = 'api'
        Map merged = Settings.merge(SCHEMA, [name: "${service}-v2", count: 3, enabled: false])
        assertThat(merged.name).isInstanceOf(String).isEqualTo('api-v2')
        assertThat(merged.count).isEqualTo(3)
        assertThat(merged.enabled).isEqualTo(false)
    }

    @Test
    void aCorrectMapHasNoProblem() {
        assertThat(Settings.problem(SCHEMA, [name: 'api', count: 2L, wait: '90s', command: { -> }, ratio: 1])).isNull()
        assertThat(Settings.problem(SCHEMA, [name: 'api', command: 'make test'])).isNull()
    }

    @Test
    void unknownKeysAreNamedWithTheKnownOnes() {
        assertThat(Settings.problem(SCHEMA, [name: 'api', cuont: 2])).isEqualTo(
                "unknown setting 'cuont'; known settings are: name, count, enabled, wait, command, ratio")
    }

    @Test
    void wrongTypesAreNamed() {
        assertThat(Settings.problem(SCHEMA, [name: 'api', count: '2'])).isEqualTo("setting 'count' must be a whole number, not String '2'")
        assertThat(Settings.problem(SCHEMA, [name: 'api', enabled: 'no'])).isEqualTo("setting 'enabled' must be true or false, not String 'no'")
        assertThat(Settings.problem(SCHEMA, [name: 'api', wait: '5 minutes'])).isEqualTo(
                "setting 'wait' must be a duration like '15m' or '24h', not String '5 minutes'")
        assertThat(Settings.problem(SCHEMA, [name: 'api', command: 3])).isEqualTo(
                "setting 'command' must be a closure or a string, not Integer 3")
        assertThat(Settings.problem(SCHEMA, [name: 'api', ratio: 'low'])).isEqualTo("setting 'ratio' must be a number, not String 'low'")
    }

    @Test
    void requiredKeysAndPrefixesAreNamed() {
        assertThat(Settings.problem(SCHEMA, [count: 2], 'services[1].')).isEqualTo("setting 'services[1].name' is required")
    }
}
