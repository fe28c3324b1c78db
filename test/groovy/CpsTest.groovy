import org.junit.Test

import static org.assertj.core.api.Assertions.assertThat

/**
 * The templates again, CPS-transformed by the groovy-cps Jenkins 2.528.3 runs (workflow-cps 4252's, see pom.xml): each
 * continuation is serialized and read back, so a var holding something that cannot survive a Jenkins restart fails.
 * Three runs that between them pass through every stage, the quorum loop, the post rollback and the nightly checks;
 * each takes seconds because of the round trips, so the other scenarios stay in the plain tests.
 */
class CpsTest extends BaseLibraryTest {

    CpsTest() {
        cps = true
    }

    Map railway() {
        return [tests     : 'make e2e', services: [[name: 'backend', path: 'backend'], [name: 'frontend', path: 'frontend']],
                staging   : [health: 'https://s.example/health'], production: [health: 'https://p.example/health']]
    }

    @Test
    void theWatchRollbackRunsUnderCps() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]
        healthFailure = { Map args -> args.watch ? 'error rate 5% above 1%' : null }

        assertThat(runVar('deployPipeline', railway())).hasMessage('healthGate: error rate 5% above 1%')

        assertThat(callsOf('railwayRollback')*.service).containsExactly('frontend', 'backend')
        assertThat(files['deploy-gates-reports/promotion-record.json']).contains('"outcome": "rolled back"')
        assertThat(build.description).isEqualTo('rolled back: production watch gate: healthGate: error rate 5% above 1%')
    }

    @Test
    void theQuorumLoopRunsUnderCps() {
        approvals << [user: 'alice'] << [user: 'bob', afterMs: 25 * HOUR] << [user: 'carol']

        Object decision = jenkinsfile.invokeMethod('promotionGate', [[quorum: 2, stagingReadyAt: now]] as Object[])

        assertThat(decision.outcome).isEqualTo('promoted by bob, carol')
        assertThat(decision.refusals*.user).containsExactly('alice')
    }

    @Test
    void theNightlyCheckRunsUnderCps() {
        shell['openssl'] = { Map args -> 'notAfter=Jan 25 08:00:00 2027 GMT' }
        shell['curl'] = { Map args -> '{"commit": "0000000aaaa"}' }

        Throwable failure = runVar('nightlyDeployCheck', [deployJob: 'shop/deploy', environments: [
                [name: 'production', health: 'https://p.example/health', versionUrl: 'https://p.example/version']]])

        assertThat(failure).isNull()
        assertJobStatusUnstable()
        assertThat(log).contains('WARNING: [nightlyDeployCheck] warnings: production drift: no promoted commit on record ' +
                'to compare with; production tls: TLS certificate has 10 days left')
    }
}
