package io.jenkins.plugins.deploygates.library

import groovy.json.JsonSlurper
import io.jenkins.plugins.deploygates.engine.health.Phase
import org.junit.Test
import support.StepResults

import static org.assertj.core.api.Assertions.assertThat

/**
 * The library reads what the plugin steps return. Each result here is made by the step's own result class and its
 * {@code toMap()} (see {@link StepResults}); each assertion names a field the library takes from it. A step that
 * renames, moves or re-types one of those fields breaks this test, not a production deploy.
 */
class StepResultContractTest {

    static final long AT = 1_800_000_000_000L

    @Test
    void railwayUpGivesTheRecordItsDeploymentAndTheDeploymentItReplaced() {
        Map result = StepResults.railwayUp('production', 'api', 'dep-old')
        PromotionRecord record = new PromotionRecord('shop/deploy', '7', AT)

        record.deployment('production', 'api', result, AT)

        assertThat(record.data.environments.production.deployments[0]).containsEntry('service', 'api')
                .containsEntry('deploymentId', 'dep-production-api').containsEntry('status', 'SUCCESS')
                .containsEntry('url', 'https://api-production.up.railway.app').containsEntry('durationMs', 61000L)
                .containsKey('logsUrl')
        assertThat(result.replacedDeploymentId).as('deployPipeline rolls back to it').isEqualTo('dep-old')
    }

    @Test
    void railwayUpsRecordTellsWhetherAnUnfinishedDeployMayServe() {
        String cutOff = StepResults.railwayUpRecord('production', 'api', 'dep-old', 'cut off', null)
        String failed = StepResults.railwayUpRecord('production', 'api', 'dep-old', 'failed', 'build failed')
        String passed = StepResults.railwayUpRecord('production', 'api', 'dep-old', 'passed', null)

        assertThat(RailwayRecord.mayBeLive(cutOff)).isTrue()
        assertThat(RailwayRecord.mayBeLive(failed)).as('a build that failed never served').isFalse()
        assertThat(RailwayRecord.mayBeLive(passed)).isTrue()
        assertThat(RailwayRecord.replaced(cutOff)).isEqualTo('dep-old')
        assertThat(RailwayRecord.fileName('api')).isEqualTo('railway-up-api.json')
    }

    @Test
    void railwayRollbackGivesRollbackDeploymentItsNewDeployment() {
        Map result = StepResults.railwayRollback('production', 'api')

        assertThat(result).containsEntry('deploymentId', 'dep-rollback-api').containsEntry('status', 'SUCCESS')
    }

    @Test
    void healthGateGivesTheRecordItsVerdictAndFigures() {
        Map result = StepResults.health('https://api.shop.example/health', Phase.WATCH)
        PromotionRecord record = new PromotionRecord('shop/deploy', '7', AT)

        record.gate('production', 'watch', result, AT)

        Map gate = record.data.environments.production.gates[0]
        assertThat(gate).containsEntry('verdict', 'PASS').containsEntry('healthy', true).containsEntry('p95Ms', 190L)
                .containsEntry('p50Ms', 120L).containsEntry('maxMs', 190L).containsEntry('timeToHealthyMs', 800L)
        assertThat(gate.samples).containsEntry('success', 3L)
        assertThat(PromotionMessage.render([gates: [gate]], Soak.evaluate(0L, 1L, '0s'), new Quorum(1, true, 'alice')))
                .contains('Staging gate watch: PASS, p95 190ms')
    }

    @Test
    void smokeAuthFlowsChecksByNameReachTheRecordAndTheFailureText() {
        Map result = StepResults.smoke('https://shop.example', 'smoke@shop.example')
        PromotionRecord record = new PromotionRecord('shop/deploy', '7', AT)

        record.smoke('staging', result, AT)

        Map gate = record.data.environments.staging.gates[0]
        assertThat(gate).containsEntry('gate', 'smoke').containsEntry('verdict', 'PASS')
        assertThat(gate.checks*.name).containsExactly('link requested', 'token verified')
        assertThat(gate.checks*.latencyMillis).containsExactly(90L, 140L)
        assertThat(gate.checks*.passed).containsOnly(true)
        assertThat(DeploySettings.failedChecks(result)).isEmpty()
        Map failedCheck = result + [checks: result.checks + ['token verified': result.checks['token verified'] +
                [passed: false, reason: 'login returned 401']]]
        assertThat(DeploySettings.failedChecks(failedCheck)).isEqualTo('token verified (login returned 401)')
        assertThat(StepResults.smokeFailure('https://shop.example', 'smoke@shop.example'))
                .isEqualTo('smokeAuthFlow: smoke test of https://shop.example failed 1 of 2 checks: token verified (login returned 401)')
    }

    @Test
    void dockerRebuildGivesTheRecordEachServicesImage() {
        Map result = StepResults.dockerRebuild('shop', ['api', 'web'])
        PromotionRecord record = new PromotionRecord('shop/deploy', '7', AT)

        record.deployment('staging', 'compose', result, AT)

        List images = record.data.environments.staging.deployments[0].images
        assertThat(images*.service).containsExactly('api', 'web')
        assertThat(images*.imageId).containsExactly('api123456789', 'web123456789')
        assertThat(images*.state).containsOnly('running')
        assertThat(result.rolledBack).isEqualTo(false)
    }

    @Test
    void theRecordOfAllOfThemIsPlainJson() {
        PromotionRecord record = new PromotionRecord('shop/deploy', '7', AT)
        record.deployment('production', 'api', StepResults.railwayUp('production', 'api', 'dep-old'), AT)
        record.gate('production', 'health', StepResults.health('https://api.shop.example/health'), AT)
        record.smoke('production', StepResults.smoke('https://shop.example', 'smoke@shop.example'), AT)
        record.deployment('production', 'compose', StepResults.dockerRebuild('shop', ['api']), AT)

        Map parsed = (Map) new JsonSlurper().parseText(record.toJson())

        assertThat(parsed.environments.production.gates*.gate).containsExactly('health', 'smoke')
        assertThat(parsed.startedAt).isEqualTo('2027-01-15T08:00:00Z')
    }
}
