import io.jenkins.plugins.deploygates.library.Clock
import io.jenkins.plugins.deploygates.library.DeploySettings
import io.jenkins.plugins.deploygates.library.PromotionRecord

/**
 * The whole staging-to-production flow as one declarative pipeline. The pipeline block is long because
 * Declarative needs every stage inside it; each stage body is one call to a helper below or to another var.
 */
void call(Map args = [:]) {
    String problem = DeploySettings.problem(args)
    if (problem != null) {
        error "[deployPipeline] ${problem}"
    }
    Map cfg = DeploySettings.merge(args)
    Map state = [record: new PromotionRecord(env.JOB_NAME, env.BUILD_NUMBER, Clock.nowMillis()), staging: [:],
                 decision: null, productionDeployed: [], failure: null, rolledBack: null, stashes: []]

    pipeline {
        agent none
        options {
            skipDefaultCheckout()
            buildDiscarder(logRotator(numToKeepStr: '50', artifactNumToKeepStr: '50'))
        }
        stages {
            stage('Staging') {
                agent { label cfg.agentLabel }
                stages {
                    stage('Checkout') { steps { script { freshRecords(cfg, 'staging'); checkoutCommit(state) } } }
                    stage('Tests') { steps { script { runCommand(cfg.tests) } } }
                    stage('Deploy staging') { steps { script { deployTo(cfg, cfg.staging, state) } } }
                    stage('Staging gates') { steps { script { gates(cfg, cfg.staging, state, false) } } }
                }
                post { cleanup { script { keepRecords(cfg, state, 'staging') } } }
            }
            stage('Promotion') {
                agent none
                steps { script { promote(cfg, state) } }
            }
            stage('Production') {
                when { beforeAgent true; expression { state.decision != null && state.decision.promoted } }
                agent { label cfg.agentLabel }
                stages {
                    stage('Checkout for production') { steps { script { freshRecords(cfg, 'production'); checkoutCommit(state) } } }
                    stage('Migrations') {
                        when { expression { cfg.migrations != null } }
                        steps { script { migrate(cfg, state) } }
                    }
                    stage('Deploy production') { steps { script { deployTo(cfg, cfg.production, state) } } }
                    stage('Production gates') { steps { script { gates(cfg, cfg.production, state, false) } } }
                    stage('Watch') { steps { script { gates(cfg, cfg.production, state, true) } } }
                }
                post {
                    failure { script { rollBack(cfg, state) } }
                    cleanup { script { keepRecords(cfg, state, 'production') } }
                }
            }
        }
        post { always { script { finish(cfg, state) } } }
    }
}

/** A reused workspace still holds the last run's records; the report must show only this run's. */
void freshRecords(Map cfg, String environment) {
    dir(recordsOf(cfg, environment)) {
        deleteDir()
    }
}

/**
 * Each agent stage may run on another agent or workspace: its records are stashed after its post actions (the
 * rollback's included) and brought together at the end of the run.
 */
void keepRecords(Map cfg, Map state, String environment) {
    String name = "deploy-gates-${environment}".toString()
    stash(name: name, includes: "${recordsOf(cfg, environment)}/**".toString(), allowEmpty: true)
    state.stashes << name
}

/** Where one environment's steps write their records: one sub-folder per environment (and per gate). */
String recordsOf(Map cfg, String environment, String part = '') {
    return "${cfg.reportDir}/${environment}${part ? '/' + part : ''}".toString()
}

void checkoutCommit(Map state) {
    Map scmVars = checkout(scm)
    state.record.commit(scmVars?.GIT_COMMIT)
}

/** A command or a closure, the two forms the tests and migrations settings take. */
void runCommand(Object command) {
    if (command instanceof Closure) {
        command()
    } else {
        sh command
    }
}

/** Deploys one environment; in production it notes each service that went live, the only ones to roll back. */
void deployTo(Map cfg, Map environment, Map state) {
    try {
        if (cfg.target == 'compose') {
            rebuild(cfg, environment, state)
        } else {
            for (int i = 0; i < cfg.services.size(); i++) {
                railwayDeploy(cfg, environment, cfg.services[i], state)
            }
        }
    } catch (Exception failure) {
        state.failure = "${environment.name} deploy: ${failure.message}".toString()
        throw failure
    }
}

void railwayDeploy(Map cfg, Map environment, Map service, Map state) {
    Map result = railwayUp(DeploySettings.present(service: service.name, environment: environment.railwayEnvironment,
            project: cfg.railwayProject, path: service.path, credentialsId: cfg.credentialsId,
            timeout: service.timeout, requiredVariables: service.requiredVariables,
            reportDir: recordsOf(cfg, environment.name)))
    state.record.deployment(environment.name, service.name, result, Clock.nowMillis())
    if (environment.name == 'production') {
        state.productionDeployed << service.name
    }
}

/** dockerRebuild rolls itself back when the new containers do not settle, so only a kept rebuild needs undoing. */
void rebuild(Map cfg, Map environment, Map state) {
    Map result = dockerRebuild(DeploySettings.present(file: cfg.composeFile, projectName: cfg.projectName,
            services: DeploySettings.composeServices(cfg.composeServices), dockerHost: environment.dockerHost, reportDir: recordsOf(cfg, environment.name)))
    state.record.deployment(environment.name, 'compose', result, Clock.nowMillis())
    if (result.rolledBack) {
        error "[deployPipeline] dockerRebuild on ${environment.name} did not become healthy and rolled itself back"
    }
    if (environment.name == 'production') {
        state.productionDeployed << 'compose project'
    }
}

/** Health (and smoke) gates, or with {@code watch} the error-rate watch; a failure is kept for the rollback. */
void gates(Map cfg, Map environment, Map state, boolean watch) {
    Map gateArgs = DeploySettings.healthTarget(environment.health) + (watch ?
            [watch: cfg.watch, maxErrorRate: cfg.maxErrorRate, maxP95: cfg.maxP95] : [timeout: cfg.healthTimeout])
    String name = watch ? 'watch' : 'health'
    gateArgs.reportDir = recordsOf(cfg, environment.name, name)
    try {
        state.record.gate(environment.name, name, healthGate(gateArgs), Clock.nowMillis())
    } catch (Exception failure) {
        state.record.gate(environment.name, name, [verdict: 'FAIL', reason: failure.message], Clock.nowMillis())
        state.failure = "${environment.name} ${name} gate: ${failure.message}".toString()
        throw failure
    }
    if (!watch && environment.smoke != null) {
        smoke(cfg, environment, state)
    }
    if (environment.name == 'staging') {
        state.staging.readyAt = Clock.nowMillis()
    }
}

void smoke(Map cfg, Map environment, Map state) {
    Map result = smokeAuthFlow(DeploySettings.smokeStep(environment.smoke, recordsOf(cfg, environment.name, 'smoke')))
    state.record.smoke(environment.name, result, Clock.nowMillis())
    if (!result.passed) {
        state.failure = "${environment.name} smoke gate: ${DeploySettings.failedChecks(result)}".toString()
        error "[deployPipeline] smoke flow on ${environment.name} failed: ${DeploySettings.failedChecks(result)}"
    }
}

void promote(Map cfg, Map state) {
    Map record = state.record.data
    Map evidence = [commit: record.commit, deployments: record.environments.staging?.deployments,
                    gates: record.environments.staging?.gates]
    state.decision = promotionGate(evidence: evidence, submitter: cfg.submitter, timeout: cfg.approvalTimeout,
            quorum: cfg.quorum, fourEyes: cfg.fourEyes, minimumSoak: cfg.minimumSoak, stagingReadyAt: state.staging.readyAt)
    state.record.promotion(state.decision)
}

/** Migrations are never retried: a half-applied migration needs a person, not a second run. */
void migrate(Map cfg, Map state) {
    try {
        runCommand(cfg.migrations)
    } catch (Exception failure) {
        state.record.migrations('failed', failure.message, Clock.nowMillis())
        state.failure = "migrations failed (not retried): ${failure.message}".toString()
        error "[deployPipeline] migrations failed and were not retried; production code was not deployed: ${failure.message}"
    }
    state.record.migrations('applied', cfg.migrations instanceof String ? cfg.migrations : 'closure', Clock.nowMillis())
}

void rollBack(Map cfg, Map state) {
    String why = state.failure ?: 'production failed'
    if (state.productionDeployed.isEmpty()) {
        currentBuild.description = "failed, production unchanged: ${why}"
        return
    }
    List services = cfg.target == 'railway' ? state.productionDeployed : cfg.composeServices
    try {
        state.rolledBack = rollbackDeployment(DeploySettings.present(target: cfg.target,
                environment: cfg.production.railwayEnvironment, services: services, credentialsId: cfg.credentialsId,
                composeFile: cfg.composeFile, projectName: cfg.projectName, dockerHost: cfg.production.dockerHost,
                health: cfg.production.health, reason: why, reportDir: recordsOf(cfg, 'production', 'rollback')))
    } catch (Exception failure) {
        state.record.rollback('production', [services: services, reason: why, health: [verdict: 'FAIL', reason: failure.message]], Clock.nowMillis())
        currentBuild.description = "ROLLBACK FAILED after ${why}: ${failure.message}"
        throw failure
    }
    state.record.rollback('production', state.rolledBack, Clock.nowMillis())
    currentBuild.description = "rolled back: ${why}"
    echo "[deployPipeline] build failed, rolled back: ${why}"
}

void finish(Map cfg, Map state) {
    String outcome = state.rolledBack != null ? 'rolled back' : state.record.data.rollbacks ? 'rollback failed' :
            (currentBuild.currentResult == 'SUCCESS' && state.decision?.promoted ? PromotionRecord.PROMOTED :
                    (state.decision != null && !state.decision.promoted ? state.decision.outcome : 'failed'))
    state.record.finish(outcome, Clock.nowMillis())
    node(cfg.agentLabel) {
        dir(cfg.reportDir) {
            deleteDir()
        }
        for (int i = 0; i < state.stashes.size(); i++) {
            unstash(state.stashes[i])
        }
        promotionRecord(record: state.record, file: "${cfg.reportDir}/${PromotionRecord.FILE}".toString())
        archiveArtifacts(artifacts: deployGatesReport(dir: cfg.reportDir))
    }
}
