import io.jenkins.plugins.deploygates.library.Clock
import io.jenkins.plugins.deploygates.library.DeploySettings
import io.jenkins.plugins.deploygates.library.PromotionRecord
import io.jenkins.plugins.deploygates.library.RailwayRecord

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
                 decision: null, productionDeployed: [], rollbackTo: [:], failure: null, rolledBack: null, stashes: []]
    String productionLock = cfg.productionLock ?: "${env.JOB_NAME}/production".toString()

    pipeline {
        agent none
        options {
            skipDefaultCheckout()
            buildDiscarder(logRotator(numToKeepStr: '50', artifactNumToKeepStr: '50'))
            // the nightly check reads promotion-record.json with Copy Artifact, which needs this job's leave
            copyArtifactPermission(cfg.nightlyJob ?: '')
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
                when { beforeOptions true; beforeAgent true; expression { state.decision != null && state.decision.promoted } }
                // one build at a time in production, its rollback included; waiting for the lock holds no executor
                options { lock(resource: productionLock) }
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
    Map result = null
    try {
        result = railwayUp(DeploySettings.railwayConnection(cfg) + DeploySettings.present(service: service.name,
                environment: environment.railwayEnvironment, path: service.path,
                timeout: service.timeout, requiredVariables: service.requiredVariables, stableFor: cfg.stableFor,
                message: "Jenkins ${env.JOB_NAME} #${env.BUILD_NUMBER}".toString(), reportDir: recordsOf(cfg, environment.name)))
    } catch (Exception failure) {
        if (environment.name == 'production') {
            keepIfMaybeLive(cfg, service.name, state)
        }
        throw failure
    }
    state.record.deployment(environment.name, service.name, result, Clock.nowMillis())
    if (environment.name == 'production') {
        state.productionDeployed << service.name
        if (result.replacedDeploymentId) {
            state.rollbackTo[service.name] = result.replacedDeploymentId
        }
    }
}

/**
 * A railwayUp that failed after its deployment went live (or ended without a verdict, when its build was killed) may have
 * left its deployment serving; its record says so, and the service is rolled back with the others, to the
 * deployment it replaced.
 */
void keepIfMaybeLive(Map cfg, String service, Map state) {
    String file = "${recordsOf(cfg, 'production')}/${RailwayRecord.fileName(service)}".toString()
    String json = fileExists(file) ? readFile(file) : null
    if (json != null && RailwayRecord.mayBeLive(json)) {
        state.productionDeployed << service
        String replaced = RailwayRecord.replaced(json)
        if (replaced) {
            state.rollbackTo[service] = replaced
        }
        echo "[deployPipeline] railwayUp of ${service} did not pass, but its deployment may be live: it is rolled back with the others"
    }
}

/** dockerRebuild rolls itself back when the new containers do not settle, so only a kept rebuild needs undoing. */
void rebuild(Map cfg, Map environment, Map state) {
    Map result = dockerRebuild(DeploySettings.present(file: cfg.composeFile, projectName: cfg.projectName,
            services: DeploySettings.composeServices(cfg.composeServices), dockerHost: environment.dockerHost,
            stableFor: cfg.stableFor, reportDir: recordsOf(cfg, environment.name)))
    state.record.deployment(environment.name, 'compose', result, Clock.nowMillis())
    if (result.rolledBack) {
        error "[deployPipeline] dockerRebuild on ${environment.name} did not become healthy and rolled itself back"
    }
    if (environment.name == 'production') {
        state.productionDeployed << 'compose project'
    }
}

/**
 * Health (and smoke) gates, or with {@code watch} the error-rate watch; a failure is kept for the rollback. The watch
 * first waits for a healthy answer as a gate does, within the same healthTimeout (not healthGate's 5m default, which
 * would hold a service that died after its gates for five minutes before the rollback).
 */
void gates(Map cfg, Map environment, Map state, boolean watch) {
    String name = watch ? 'watch' : 'health'
    Map gateArgs = DeploySettings.healthGate(environment.health, cfg.healthInterval, [timeout: cfg.healthTimeout] +
            (watch ? [watch: cfg.watch, maxErrorRate: cfg.maxErrorRate, maxP95: cfg.maxP95] : [:]) +
            [reportDir: recordsOf(cfg, environment.name, name)])
    try {
        state.record.gate(environment.name, name, healthGate(gateArgs), Clock.nowMillis())
    } catch (InterruptedException stopped) {
        throw stopped
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

/** smokeAuthFlow fails the build itself, naming each failed check; the record keeps that sentence. */
void smoke(Map cfg, Map environment, Map state) {
    Map result = null
    try {
        result = smokeAuthFlow(DeploySettings.smokeStep(environment.smoke, recordsOf(cfg, environment.name, 'smoke')))
    } catch (InterruptedException stopped) {
        throw stopped
    } catch (Exception failure) {
        state.record.smoke(environment.name, [passed: false, reason: failure.message], Clock.nowMillis())
        state.failure = "${environment.name} smoke gate: ${failure.message}".toString()
        throw failure
    }
    state.record.smoke(environment.name, result, Clock.nowMillis())
}

void promote(Map cfg, Map state) {
    Map record = state.record.data
    Map evidence = [commit: record.commit, deployments: record.environments.staging?.deployments,
                    gates: record.environments.staging?.gates]
    state.decision = promotionGate(evidence: evidence, submitter: cfg.submitter, timeout: cfg.approvalTimeout,
            quorum: cfg.quorum, fourEyes: cfg.fourEyes, minimumSoak: cfg.minimumSoak, stagingReadyAt: state.staging.readyAt)
    state.record.promotion(state.decision)
}

/**
 * Migrations are never retried: a half-applied migration needs a person, not a second run. A stopped build stays
 * ABORTED (and is not rolled back), with the record saying where it stopped.
 */
void migrate(Map cfg, Map state) {
    try {
        onProductionHost(cfg) {
            runCommand(cfg.migrations)
        }
    } catch (InterruptedException stopped) {
        state.record.migrations('interrupted', 'the build was stopped during the migrations; they may be half applied',
                Clock.nowMillis())
        throw stopped
    } catch (Exception failure) {
        state.record.migrations('failed', failure.message, Clock.nowMillis())
        state.failure = "migrations failed (not retried): ${failure.message}".toString()
        error "[deployPipeline] migrations failed and were not retried; production code was not deployed: ${failure.message}"
    }
    state.record.migrations('applied', cfg.migrations instanceof String ? cfg.migrations : 'closure', Clock.nowMillis())
}

/** A compose target's migrations reach the Docker engine being deployed, as dockerRebuild does. */
void onProductionHost(Map cfg, Closure body) {
    if (cfg.target == 'compose' && cfg.production.dockerHost) {
        withEnv(["DOCKER_HOST=${cfg.production.dockerHost}"]) {
            body()
        }
    } else {
        body()
    }
}

void rollBack(Map cfg, Map state) {
    String why = state.failure ?: 'production failed'
    if (state.productionDeployed.isEmpty()) {
        currentBuild.description = "failed, production unchanged: ${why}"
        return
    }
    List services = cfg.target == 'railway' ? state.productionDeployed : cfg.composeServices
    try {
        Map connection = DeploySettings.railwayConnection(cfg)
        state.rolledBack = rollbackDeployment(DeploySettings.present(target: cfg.target,
                environment: cfg.production.railwayEnvironment, services: services, to: state.rollbackTo,
                project: connection.project, credentialsId: connection.credentialsId, apiUrl: connection.apiUrl,
                tokenKind: connection.tokenKind,
                pollInterval: connection.pollInterval, composeFile: cfg.composeFile, projectName: cfg.projectName,
                dockerHost: cfg.production.dockerHost, health: cfg.production.health, healthInterval: cfg.healthInterval,
                reason: why, reportDir: recordsOf(cfg, 'production', 'rollback')))
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
            currentBuild.currentResult == 'ABORTED' ? 'aborted' :
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
