import org.junit.Test
import support.FakeAbortException

import static org.assertj.core.api.Assertions.assertThat

class RollbackDeploymentTest extends BaseLibraryTest {

    @Test
    void railwayServicesRollBackLastDeployedFirstThenAHealthGateProvesIt() {
        Throwable failure = null
        Map report = null
        try {
            report = (Map) jenkinsfile.invokeMethod('rollbackDeployment', [[services: ['backend', 'frontend'],
                    health: 'https://api.shop.example/health', reason: 'error rate spike']] as Object[])
        } catch (Throwable thrown) {
            failure = thrown
        }

        assertThat(failure).isNull()
        assertThat(stepNames()).containsExactly('railwayRollback', 'railwayRollback', 'healthGate')
        assertThat(callsOf('railwayRollback')[0]).isEqualTo([service: 'frontend', environment: 'production', credentialsId: 'railway-token'])
        assertThat(callsOf('healthGate')[0]).isEqualTo([url: 'https://api.shop.example/health', timeout: '5m'])
        assertThat(report.deployments*.deploymentId).containsExactly('dep-rollback-frontend', 'dep-rollback-backend')
        assertThat(report.health.verdict).isEqualTo('PASS')
        assertThat(log).contains('[rollbackDeployment] production rolled back (backend, frontend); health PASS')
    }

    @Test
    void composeRollsBackOnTheRemoteHost() {
        runVar('rollbackDeployment', [target: 'compose', services: ['api'], projectName: 'shop', dockerHost: 'ssh://deploy@vps.example',
                                      health: ['https://vps.example/health'], healthTimeout: '2m'])

        assertThat(stepNames()).containsExactly('withEnv', 'dockerRollback', 'healthGate')
        assertThat(callsOf('dockerRollback')[0]).isEqualTo([file: 'docker-compose.yml', projectName: 'shop', services: 'api'])
        assertThat(callsOf('healthGate')[0]).isEqualTo([urls: ['https://vps.example/health'], timeout: '2m'])
        assertJobStatusSuccess()
    }

    @Test
    void anUnhealthyRollbackFailsTheBuildWithTheReason() {
        healthFailure = { Map args -> 'connection refused on 10 of 10 probes' }

        Throwable failure = runVar('rollbackDeployment', [services: ['backend'], health: 'https://api.shop.example/health'])

        assertThat(failure).isInstanceOf(FakeAbortException).hasMessage('healthGate: connection refused on 10 of 10 probes')
        assertThat(log.findAll { it.contains('rolled back') }).isEmpty()
        assertJobStatusFailure()
    }

    @Test
    void settingsAreCheckedByName() {
        assertThat(runVar('rollbackDeployment', [health: 'https://x.example/health'])).hasMessage(
                "[rollbackDeployment] setting 'services' is required")
        assertThat(runVar('rollbackDeployment', [target: 'k8s', services: ['a'], health: 'https://x.example/health'])).hasMessage(
                "[rollbackDeployment] setting 'target' must be 'railway' or 'compose', not 'k8s'")
        assertThat(stepCalls).isEmpty()
    }
}
