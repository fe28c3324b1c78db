import org.junit.Test

import static org.assertj.core.api.Assertions.assertThat

class DeployPipelineTest extends BaseLibraryTest {

    Map railway(Map overrides = [:]) {
        return [
                tests         : 'npm ci && npm run test:e2e',
                services      : [[name: 'backend', path: 'backend'], [name: 'frontend', path: 'frontend']],
                railwayProject: 'shop',
                staging       : [health: 'https://api-staging.shop.example/health',
                                 smoke : [baseUrl: 'https://staging.shop.example', email: 'smoke@shop.example', mailbox: 'mailpit']],
                production    : [health: ['https://api.shop.example/health', 'https://shop.example/']],
                migrations    : 'npm run migrate',
                submitter     : 'release-managers',
        ] + overrides
    }

    @Test
    void happyPathGoesThroughProduction() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]

        Throwable failure = runVar('deployPipeline', railway())

        assertThat(failure).isNull()
        assertJobStatusSuccess()
        assertThat(declarative.stages.collect { "${it.name}:${it.status}".toString() }).containsExactly(
                'Staging:passed', 'Checkout:passed', 'Tests:passed', 'Deploy staging:passed', 'Staging gates:passed',
                'Promotion:passed', 'Production:passed', 'Checkout for production:passed', 'Migrations:passed',
                'Deploy production:passed', 'Production gates:passed', 'Watch:passed')
        println logText()
        println files['promotion-record.json']
    }
}
