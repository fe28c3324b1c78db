package io.jenkins.plugins.deploygates.library

import org.junit.Test

import static org.assertj.core.api.Assertions.assertThat

class DeploySettingsTest {

    static Map minimal(Map overrides = [:]) {
        return [tests: 'make e2e', services: [[name: 'api']],
                staging: [health: 'https://s.example/health'], production: [health: 'https://p.example/health']] + overrides
    }

    @Test
    void theMinimalRailwaySettingsAreEnough() {
        assertThat(DeploySettings.problem(minimal())).isNull()
        Map merged = DeploySettings.merge(minimal())
        assertThat(merged.services).isEqualTo([[name: 'api', path: '.', requiredVariables: [], timeout: '10m']])
        assertThat(merged.staging).containsEntry('name', 'staging').containsEntry('railwayEnvironment', 'staging')
        assertThat(merged.production.railwayEnvironment).isEqualTo('production')
        assertThat(merged).containsEntry('minimumSoak', '24h').containsEntry('watch', '15m').containsEntry('fourEyes', true)
    }

    @Test
    void targetSpecificRulesAreChecked() {
        assertThat(DeploySettings.problem(minimal(target: 'heroku'))).isEqualTo("setting 'target' must be 'railway' or 'compose', not 'heroku'")
        assertThat(DeploySettings.problem(minimal(services: []))).startsWith("setting 'services' is required for target 'railway'")
        assertThat(DeploySettings.problem(minimal(services: [], target: 'compose'))).isNull()
        assertThat(DeploySettings.problem(minimal(services: ['api']))).isEqualTo(
                "setting 'services[0]' must be a map like [name: 'backend', path: 'backend']")
        assertThat(DeploySettings.problem(minimal(quorum: 0))).isEqualTo("setting 'quorum' must be at least 1")
    }

    @Test
    void environmentsAreCheckedByTheirPath() {
        assertThat(DeploySettings.problem(minimal(production: [health: 'https://p', url: 'x']))).startsWith(
                "unknown setting 'production.url'")
        assertThat(DeploySettings.problem(minimal(production: [:]))).isEqualTo("setting 'production.health' is required")
    }

    @Test
    void healthTargetsAndPresentParameters() {
        assertThat(DeploySettings.healthTarget('https://a')).isEqualTo([url: 'https://a'])
        assertThat(DeploySettings.healthTarget(['https://a', 'https://b'])).isEqualTo([urls: ['https://a', 'https://b']])
        assertThat(DeploySettings.present([a: 1, b: null])).isEqualTo([a: 1])
        assertThat(DeploySettings.failedChecks([checks: [[name: 'login', passed: false, reason: '401'], [name: 'signup', passed: true]]]))
                .isEqualTo('login (401)')
    }
}
