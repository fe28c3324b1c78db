import groovy.json.JsonSlurper
import org.junit.Test
import support.FakeAbortException
import support.FakeFlowInterruptedException

import static org.assertj.core.api.Assertions.assertThat

class DeployPipelineTest extends BaseLibraryTest {

    public static final String STAGING_HEALTH = 'https://api-staging.shop.example/health'
    public static final String PRODUCTION_API = 'https://api.shop.example/health'
    public static final String RECORD = 'deploy-gates-reports/promotion-record.json'
    public static final String PAGE = 'deploy-gates-reports/deploy-gates-report.html'
    public static final String STYLESHEET = 'deploy-gates-reports/deploy-gates-report.css'

    Map railway(Map overrides = [:]) {
        return [
                tests         : 'npm ci && npm run test:e2e',
                services      : [[name: 'backend', path: 'backend'], [name: 'frontend', path: 'frontend']],
                railwayProject: 'shop',
                staging       : [health: STAGING_HEALTH,
                                 smoke : [baseUrl: 'https://staging.shop.example', email: 'smoke@shop.example', mailbox: 'mailpit']],
                production    : [health: [PRODUCTION_API, 'https://shop.example/']],
                migrations    : 'npm run migrate',
                submitter     : 'release-managers',
        ] + overrides
    }

    Map compose(Map overrides = [:]) {
        return [
                target         : 'compose',
                tests          : inJenkinsfile { sh 'make e2e' },
                projectName    : 'shop',
                composeServices: ['api', 'web'],
                staging        : [health: 'https://staging.vps.example/health', dockerHost: 'ssh://deploy@staging.vps.example'],
                production     : [health: 'https://vps.example/health', dockerHost: 'ssh://deploy@vps.example'],
        ] + overrides
    }

    List<String> stageStatuses() {
        return declarative.stages.collect { "${it.name}:${it.status}".toString() }
    }

    Map record() {
        assertThat(archived).contains(RECORD)
        return (Map) new JsonSlurper().parseText(files[RECORD])
    }

    /** Step names of interest in call order, so ordering assertions read like the pipeline. */
    List<String> flow() {
        return stepCalls.findAll { it.step in ['railwayUp', 'railwayRollback', 'healthGate', 'smokeAuthFlow', 'input', 'sh', 'dockerRebuild', 'dockerRollback'] }
                .collect { Map call ->
                    Map a = call.args
                    switch (call.step) {
                        case 'railwayUp': return "railwayUp ${a.environment}/${a.service}".toString()
                        case 'railwayRollback': return "railwayRollback ${a.environment}/${a.service}".toString()
                        case 'healthGate': return "healthGate ${a.url ?: a.urls}${a.watch ? ' watch ' + a.watch : ''}".toString()
                        case 'sh': return "sh ${a.script}".toString()
                        case 'dockerRebuild': return "dockerRebuild ${a.dockerHost}".toString()
                        default: return call.step
                    }
                }
    }

    @Test
    void happyPathGoesThroughProductionInOrder() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]

        assertThat(runVar('deployPipeline', railway())).isNull()

        assertJobStatusSuccess()
        assertThat(stageStatuses()).containsExactly(
                'Staging:passed', 'Checkout:passed', 'Tests:passed', 'Deploy staging:passed', 'Staging gates:passed',
                'Promotion:passed', 'Production:passed', 'Checkout for production:passed', 'Migrations:passed',
                'Deploy production:passed', 'Production gates:passed', 'Watch:passed')
        assertThat(flow()).containsExactly(
                'sh npm ci && npm run test:e2e',
                'railwayUp staging/backend', 'railwayUp staging/frontend',
                "healthGate ${STAGING_HEALTH}".toString(), 'smokeAuthFlow',
                'input',
                'sh npm run migrate',
                'railwayUp production/backend', 'railwayUp production/frontend',
                "healthGate [${PRODUCTION_API}, https://shop.example/]".toString(),
                "healthGate [${PRODUCTION_API}, https://shop.example/] watch 15m".toString())
        Map watch = callsOf('healthGate').last()
        assertThat(watch).containsEntry('maxErrorRate', 0.01).containsEntry('maxP95', '800ms')
                .as('the watch waits for a healthy answer no longer than a gate').containsEntry('timeout', '5m')
        assertThat(callsOf('railwayUp')[0]).containsEntry('project', 'shop').containsEntry('path', 'backend')
                .containsEntry('credentialsId', 'railway-token')
        Map record = record()
        assertThat(record.commit).isEqualTo(COMMIT)
        assertThat(record.outcome).isEqualTo('promoted')
        assertThat(record.environments.production.deployments*.deploymentId)
                .containsExactly('dep-production-backend', 'dep-production-frontend')
        assertThat(record.environments.production.gates*.gate).containsExactly('health', 'watch')
        assertThat(record.promotion.approvals*.user).containsExactly('bob')
        assertThat(record.migrations.status).isEqualTo('applied')
        assertReportRenderedAndArchivedLast()
        assertThat(files[PAGE].readLines()).containsExactly('production/health/health-gate.json',
                'production/railway-up-backend.json', 'production/railway-up-frontend.json',
                'production/watch/health-gate.json', 'promotion-record.json',
                'staging/health/health-gate.json', 'staging/railway-up-backend.json', 'staging/railway-up-frontend.json',
                'staging/smoke/smoke-auth.json')
    }

    /** The run ends (post always) on a node: records of both agents brought together, the page rendered and archived. */
    void assertReportRenderedAndArchivedLast() {
        assertThat(callsOf('deployGatesReport')).containsExactly([dir: 'deploy-gates-reports'])
        assertThat(archived.takeRight(2)).containsExactly(PAGE, STYLESHEET)
        assertThat(stepNames().subList(stepNames().lastIndexOf('unstash'), stepNames().size()))
                .containsExactly('unstash', 'deployGatesReport')
        assertThat(stepCalls.find { it.step == 'deployGatesReport' }.heldNodes).isEqualTo(1)
    }

    @Test
    void everyStepWritesIntoOneReportFolderPerEnvironmentAndTheRunStartsItEmpty() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]
        files['gates/production/watch/health-gate.json'] = 'last run'
        files['gates/staging/old.json'] = 'last run'

        runVar('deployPipeline', railway(reportDir: 'gates'))

        assertThat(callsOf('railwayUp')*.reportDir).containsExactly('gates/staging', 'gates/staging',
                'gates/production', 'gates/production')
        assertThat(callsOf('healthGate')*.reportDir).containsExactly('gates/staging/health',
                'gates/production/health', 'gates/production/watch')
        assertThat(callsOf('smokeAuthFlow')[0]).containsEntry('reportDir', 'gates/staging/smoke')
        assertThat(callsOf('deleteDir')*.dir).containsExactly('gates/staging', 'gates/production', 'gates')
        assertThat(callsOf('stash')[0]).containsEntry('name', 'deploy-gates-staging')
                .containsEntry('includes', 'gates/staging/**').containsEntry('allowEmpty', true)
        assertThat(files).doesNotContainKey('gates/staging/old.json')
        assertThat(files['gates/production/watch/health-gate.json']).isNotEqualTo('last run')
        assertThat(archived).contains('gates/promotion-record.json', 'gates/deploy-gates-report.html',
                'gates/deploy-gates-report.css')
    }

    @Test
    void theApprovalWaitsWithoutHoldingAnExecutorAndBehindMilestones() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]

        runVar('deployPipeline', railway())

        assertThat(inputCalls).hasSize(1)
        assertThat(inputCalls[0].heldNodes).as('nodes held while waiting for approval').isEqualTo(0)
        assertThat(stepCalls.find { it.step == 'railwayUp' }.heldNodes).isEqualTo(1)
        assertThat(inputCalls[0].submitter).isEqualTo('release-managers')
        assertThat(evidenceOf(inputCalls[0])).contains('dep-staging-backend', 'Staging gate health: PASS', 'Staging gate smoke: PASS')
        assertThat(callsOf('milestone')).hasSize(2)
    }

    @Test
    void aFailedStagingGateNeverTouchesProduction() {
        healthFailure = { Map args -> args.url == STAGING_HEALTH ? 'status 503 on 10 of 10 probes' : null }

        Throwable failure = runVar('deployPipeline', railway())

        assertThat(failure).isInstanceOf(FakeAbortException).hasMessage('healthGate: status 503 on 10 of 10 probes')
        assertJobStatusFailure()
        assertThat(callsOf('railwayUp')*.environment).containsOnly('staging')
        assertThat(stepNames()).doesNotContain('input', 'railwayRollback', 'smokeAuthFlow')
        assertThat(stageStatuses()).contains('Staging gates:failed', 'Promotion:skipped (earlier failure)',
                'Production:skipped (earlier failure)')
        assertThat(record().outcome).isEqualTo('failed')
        assertThat(record().environments.staging.gates[0]).containsEntry('verdict', 'FAIL')
        assertReportRenderedAndArchivedLast()
        assertThat(callsOf('unstash')*.name).containsExactly('deploy-gates-staging')
        assertThat(files[PAGE].readLines()).containsExactly('promotion-record.json', 'staging/health/health-gate.json',
                'staging/railway-up-backend.json', 'staging/railway-up-frontend.json')
    }

    @Test
    void migrationsRunBeforeTheProductionDeployAndAFailureIsNotRetried() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]
        shell['npm run migrate'] = { Map args -> throw new FakeAbortException('script returned exit code 1') }

        Throwable failure = runVar('deployPipeline', railway())

        assertThat(failure.message).startsWith('[deployPipeline] migrations failed and were not retried')
        assertJobStatusFailure()
        assertThat(callsOf('sh').findAll { it.script == 'npm run migrate' }).hasSize(1)
        assertThat(stepNames()).doesNotContain('retry', 'railwayRollback')
        assertThat(callsOf('railwayUp')*.environment).containsOnly('staging')
        assertThat(stageStatuses()).contains('Migrations:failed', 'Deploy production:skipped (earlier failure)')
        assertThat(build.description).startsWith('failed, production unchanged: migrations failed (not retried)')
        assertThat(record().migrations.status).isEqualTo('failed')
    }

    @Test
    void aFailedWatchRollsBackAndTheBuildEndsFailedRolledBack() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]
        healthFailure = { Map args -> args.watch ? 'error rate 7.5% above 1% over 15m' : null }

        Throwable failure = runVar('deployPipeline', railway())

        assertThat(failure).hasMessage('healthGate: error rate 7.5% above 1% over 15m')
        assertJobStatusFailure()
        assertThat(build.description).isEqualTo('rolled back: production watch gate: healthGate: error rate 7.5% above 1% over 15m')
        assertThat(flow().subList(flow().indexOf('railwayRollback production/frontend'), flow().size())).containsExactly(
                'railwayRollback production/frontend', 'railwayRollback production/backend',
                "healthGate [${PRODUCTION_API}, https://shop.example/]".toString())
        assertThat(stageStatuses()).contains('Watch:failed', 'Production:failed')
        Map record = record()
        assertThat(record.outcome).isEqualTo('rolled back')
        assertThat(record.rollbacks[0].deployments*.deploymentId).containsExactly('dep-rollback-frontend', 'dep-rollback-backend')
        assertThat(callsOf('railwayRollback')*.to).as('each service goes back to the deployment its upload replaced')
                .containsExactly('dep-before-production-frontend', 'dep-before-production-backend')
        assertThat(record.environments.production.gates.last()).containsEntry('gate', 'watch').containsEntry('verdict', 'FAIL')
        assertReportRenderedAndArchivedLast()
        assertThat(callsOf('railwayRollback')*.reportDir).containsOnly('deploy-gates-reports/production/rollback')
        assertThat(callsOf('railwayRollback')*.project).as('the project railwayUp deployed to').containsOnly('shop')
        assertThat(files[PAGE].readLines()).contains('production/watch/health-gate.json',
                'production/rollback/railway-rollback-frontend.json', 'production/rollback/railway-rollback-backend.json',
                'production/rollback/health-gate.json')
    }

    @Test
    void aFailedProductionSmokeGateAlsoRollsBack() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]
        smokePasses = { Map args -> !args.baseUrl.contains('//shop.example') }
        Map cfg = railway()
        cfg.production.smoke = [baseUrl: 'https://shop.example', email: 'smoke@shop.example']

        Throwable failure = runVar('deployPipeline', cfg)

        String smokeFailed = 'smokeAuthFlow: smoke test of https://shop.example failed 1 of 2 checks: token verified (login returned 401)'
        assertThat(failure).hasMessage(smokeFailed)
        assertThat(callsOf('railwayRollback')).hasSize(2)
        assertThat(build.description).isEqualTo("rolled back: production smoke gate: ${smokeFailed}".toString())
        assertThat(record().environments.production.gates*.verdict).containsExactly('PASS', 'FAIL')
        assertThat(record().environments.production.gates[1]).containsEntry('reason', smokeFailed)
        assertThat(stageStatuses()).contains('Production gates:failed', 'Watch:skipped (earlier failure)')
    }

    @Test
    void aFailedProductionDeployRollsBackOnlyTheServicesThatWentLive() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]
        railwayUpFailure = { Map args -> args.environment == 'production' && args.service == 'frontend' ? 'build failed: npm ERR!' : null }

        Throwable failure = runVar('deployPipeline', railway())

        assertThat(failure).hasMessage('railwayUp: build failed: npm ERR!')
        assertThat(callsOf('railwayRollback')*.service).as('frontend failed to build: its deployment never served')
                .containsExactly('backend')
        assertThat(build.description).isEqualTo('rolled back: production deploy: railwayUp: build failed: npm ERR!')
        assertThat(stageStatuses()).contains('Deploy production:failed', 'Production gates:skipped (earlier failure)')
    }

    @Test
    void aFailedRollbackIsShoutedAndRecorded() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]
        int productionChecks = 0
        healthFailure = { Map args ->
            if (args.url == STAGING_HEALTH) {
                return null
            }
            productionChecks++
            return productionChecks == 1 ? null : "probe ${productionChecks} failed"
        }

        Throwable failure = runVar('deployPipeline', railway())

        assertThat(failure).hasMessage('healthGate: probe 2 failed')
        assertJobStatusFailure()
        assertThat(build.description).isEqualTo('ROLLBACK FAILED after production watch gate: healthGate: probe 2 failed: ' +
                'healthGate: probe 3 failed')
        assertThat(callsOf('railwayRollback')).hasSize(2)
        assertThat(record().outcome).isEqualTo('rollback failed')
        assertThat(record().rollbacks[0].health).containsEntry('verdict', 'FAIL').containsEntry('reason', 'healthGate: probe 3 failed')
    }

    @Test
    void anApprovalTimeoutEndsNotBuiltWithoutTouchingProduction() {
        Throwable failure = runVar('deployPipeline', railway(approvalTimeout: '48h'))

        assertThat(failure).isNull()
        assertThat(build.result).isEqualTo('NOT_BUILT')
        assertThat(build.description).isEqualTo('timed out after 48h, not promoted')
        assertThat(stageStatuses()).contains('Production:skipped (when)')
        assertThat(callsOf('railwayUp')*.environment).containsOnly('staging')
        assertThat(record().outcome).isEqualTo('timed out after 48h, not promoted')
        assertReportRenderedAndArchivedLast()
    }

    @Test
    void underFourEyesTheStartersApprovalDoesNotPromote() {
        approvals << [user: 'alice', afterMs: 25 * HOUR] << [user: 'bob']

        assertThat(runVar('deployPipeline', railway())).isNull()

        assertJobStatusSuccess()
        Map promotion = record().promotion
        assertThat(promotion.refusals*.user).containsExactly('alice')
        assertThat(promotion.approvals*.user).containsExactly('bob')
        assertThat(flow().indexOf('input')).isLessThan(flow().indexOf('railwayUp production/backend'))
    }

    @Test
    void aQuorumOfTwoWaitsForASecondDistinctPerson() {
        approvals << [user: 'bob', afterMs: 25 * HOUR] << [user: 'bob'] << [user: 'carol']

        runVar('deployPipeline', railway(quorum: 2))

        assertJobStatusSuccess()
        assertThat(inputCalls).hasSize(3)
        assertThat(inputCalls*.heldNodes).containsOnly(0)
        assertThat(record().promotion.approvals*.user).containsExactly('bob', 'carol')
        assertThat(build.description).isNull()
    }

    @Test
    void anUnmetSoakBlocksTheProductionDeploy() {
        approvals << [user: 'bob', afterMs: 2 * HOUR]

        assertThat(runVar('deployPipeline', railway())).isNull()

        assertThat(build.result).isEqualTo('NOT_BUILT')
        assertThat(callsOf('railwayUp')*.environment).containsOnly('staging')
        assertThat(record().promotion.refusals[0].refused).startsWith('staging has soaked 2h of the required 24h')
    }

    @Test
    void anApproverMayOverrideTheSoakWithAReason() {
        approvals << [user: 'bob', afterMs: 2 * HOUR, override: true, reason: 'fixes the checkout outage']

        assertThat(runVar('deployPipeline', railway())).isNull()

        assertJobStatusSuccess()
        assertThat(callsOf('railwayUp')*.environment).contains('production')
        assertThat(record().promotion.approvals[0]).containsEntry('overrideSoak', true)
                .containsEntry('reason', 'fixes the checkout outage').containsEntry('soak', 'staging has soaked 2h of the required 24h')
    }

    @Test
    void theComposeTargetRebuildsEachHostAndRollsBackThere() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]
        healthFailure = { Map args -> args.watch ? 'p95 1400ms above 800ms' : null }

        runVar('deployPipeline', compose())

        assertThat(flow()).containsSubsequence('sh make e2e', 'dockerRebuild ssh://deploy@staging.vps.example',
                'input', 'dockerRebuild ssh://deploy@vps.example', 'dockerRollback', 'healthGate https://vps.example/health')
        assertThat(callsOf('dockerRebuild')[0]).containsEntry('file', 'docker-compose.yml').containsEntry('services', 'api,web')
        assertThat(callsOf('withEnv')[0].vars*.toString()).containsExactly('DOCKER_HOST=ssh://deploy@vps.example')
        assertThat(callsOf('dockerRollback')[0]).containsEntry('projectName', 'shop').containsEntry('services', 'api,web')
        assertThat(record().environments.staging.deployments[0].images*.service).containsExactly('api', 'web')
        assertThat(record().environments.staging.deployments[0].images*.imageId).containsExactly('api123456789', 'web123456789')
        assertThat(build.description).isEqualTo('rolled back: production watch gate: healthGate: p95 1400ms above 800ms')
        assertReportRenderedAndArchivedLast()
        assertThat(files[PAGE].readLines()).contains('staging/dockerRebuild.json', 'production/dockerRebuild.json',
                'production/rollback/dockerRollback.json')
    }

    @Test
    void theWholeProductionStageRollbackIncludedRunsInsideTheProductionLock() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]
        healthFailure = { Map args -> args.watch ? "error rate 5% above 1%" : null }

        runVar('deployPipeline', railway())

        List<Map> production = stepCalls.findAll {
            it.args?.environment == 'production' || it.args?.watch || it.args?.script == 'npm run migrate' || it.step == 'railwayRollback'
        }
        assertThat(production*.step).as('migrations, deploys, the watch and the rollback').contains('sh', 'railwayUp', 'healthGate', 'railwayRollback')
        assertThat(production*.heldLocks).containsOnly(['shop/deploy/production'])
        assertThat(stepCalls.findAll { it.args?.environment == 'staging' || it.step == 'input' }*.heldLocks).containsOnly([])
    }

    @Test
    void aBuildThatWasNotPromotedNeverWaitsForTheProductionLock() {
        runVar('deployPipeline', railway(approvalTimeout: '1h', productionLock: 'shop production'))

        assertThat(build.result).isEqualTo('NOT_BUILT')
        assertThat(stepCalls*.heldLocks).containsOnly([])
    }

    @Test
    void jobsDeployingTheSameProductionShareTheLockTheyName() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]

        runVar('deployPipeline', railway(productionLock: 'shop production'))

        assertThat(stepCalls.find { it.step == 'railwayUp' && it.args.environment == 'production' }.heldLocks).containsExactly('shop production')
    }

    @Test
    void theNightlyJobIsAllowedToCopyThePromotionRecord() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]

        runVar('deployPipeline', railway(nightlyJob: 'shop/nightly'))

        assertThat(callsOf('copyArtifactPermission')).containsExactly([jobs: 'shop/nightly'])
    }

    @Test
    void aServiceWhoseDeploymentWentLiveBeforeItFailedIsRolledBackToTheDeploymentItReplaced() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]
        railwayUpLiveThenCrashed = { Map args -> args.environment == 'production' && args.service == 'frontend' }

        Throwable failure = runVar('deployPipeline', railway())

        assertThat(failure).hasMessage(LIVE_THEN_CRASHED)
        assertThat(callsOf('railwayRollback')*.service).containsExactly('frontend', 'backend')
        assertThat(callsOf('railwayRollback')*.to).containsExactly('dep-before-production-frontend', 'dep-before-production-backend')
        assertThat(log).contains('[deployPipeline] railwayUp of frontend did not pass, but its deployment may be live: ' +
                'it is rolled back with the others')
        assertThat(record().outcome).isEqualTo('rolled back')
    }

    @Test
    void composeMigrationsRunAgainstTheProductionEngine() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]

        runVar('deployPipeline', compose(migrations: 'docker compose run --rm api migrate'))

        assertJobStatusSuccess()
        assertThat(callsOf('sh').find { it.script == 'docker compose run --rm api migrate' })
                .containsEntry('dockerHost', 'ssh://deploy@vps.example')
    }

    @Test
    void anAbortDuringMigrationsEndsAbortedWithoutTouchingProduction() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]
        shell['npm run migrate'] = { Map args -> throw FakeFlowInterruptedException.abortedBy('bob') }

        Throwable failure = runVar('deployPipeline', railway())

        assertThat(failure).isInstanceOf(InterruptedException)
        assertThat(build.result).isEqualTo('ABORTED')
        assertThat(callsOf('railwayUp')*.environment).containsOnly('staging')
        assertThat(stepNames()).doesNotContain('railwayRollback')
        assertThat(record().migrations.status).isEqualTo('interrupted')
        assertThat(record().outcome).isEqualTo('aborted')
        assertReportRenderedAndArchivedLast()
    }

    @Test
    void settingsAreCheckedByNameBeforeAnythingRuns() {
        assertThat(runVar('deployPipeline', railway(sevices: []))).hasMessageStartingWith(
                "[deployPipeline] unknown setting 'sevices'; known settings are: target, agentLabel, tests")
        assertThat(runVar('deployPipeline', railway(quorum: '2'))).hasMessage(
                "[deployPipeline] setting 'quorum' must be a whole number, not String '2'")
        assertThat(runVar('deployPipeline', railway(watch: 15))).hasMessage(
                "[deployPipeline] setting 'watch' must be a duration like '15m' or '24h', not Integer 15")
        assertThat(runVar('deployPipeline', railway(staging: [health: STAGING_HEALTH, smoke: [baseUrl: 'x']]))).hasMessage(
                "[deployPipeline] setting 'staging.smoke.email' is required")
        assertThat(runVar('deployPipeline', railway(services: [[name: 'api', pth: 'api']]))).hasMessageStartingWith(
                "[deployPipeline] unknown setting 'services[0].pth'")
        Map noTests = railway()
        noTests.remove('tests')
        assertThat(runVar('deployPipeline', noTests)).hasMessage("[deployPipeline] setting 'tests' is required")
        assertThat(stepCalls).isEmpty()
        assertJobStatusFailure()
    }
}
