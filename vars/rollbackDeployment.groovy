import groovy.transform.Field
import io.jenkins.plugins.deploygates.library.DeploySettings
import io.jenkins.plugins.deploygates.library.Settings

@Field static final Map<String, List> SCHEMA = [
        target        : [String, 'railway'],
        environment   : [String, 'production'],
        services      : [List, Settings.REQUIRED],
        to            : [Map, [:]],
        project       : [String, null],
        credentialsId : [String, 'railway-token'],
        apiUrl        : [String, null],
        tokenKind     : [String, null],
        pollInterval  : [Settings.DURATION, null],
        composeFile   : [String, 'docker-compose.yml'],
        projectName   : [String, null],
        dockerHost    : [String, null],
        health        : [[String, List], Settings.REQUIRED],
        healthTimeout : [Settings.DURATION, '5m'],
        healthInterval: [Settings.DURATION, null],
        reason        : [String, 'manual rollback'],
        reportDir     : [String, null],
]

/**
 * Rolls an environment back (Railway: each service, last deployed first; compose: the services on the host),
 * then proves it healthy. Returns [target:, environment:, services:, deployments:, health:, reason:].
 */
Map call(Map args = [:]) {
    String problem = Settings.problem(SCHEMA, args)
    if (problem != null) {
        error "[rollbackDeployment] ${problem}"
    }
    Map cfg = Settings.merge(SCHEMA, args)
    if (!(cfg.target in ['railway', 'compose'])) {
        error "[rollbackDeployment] setting 'target' must be 'railway' or 'compose', not '${cfg.target}'"
    }
    echo "[rollbackDeployment] rolling back ${cfg.environment} (${cfg.services.join(', ')}): ${cfg.reason}"
    List deployments = cfg.target == 'railway' ? railway(cfg) : compose(cfg)
    Map health = healthGate(DeploySettings.healthGate(cfg.health, cfg.healthInterval,
            [timeout: cfg.healthTimeout, reportDir: cfg.reportDir]))
    Map report = [target : cfg.target, environment: cfg.environment, services: cfg.services, deployments: deployments,
                  health : [verdict: health.verdict, reason: health.reason, p95Ms: health.p95Ms], reason: cfg.reason]
    echo "[rollbackDeployment] ${cfg.environment} rolled back (${cfg.services.join(', ')}); health ${health.verdict}"
    return report
}

List railway(Map cfg) {
    List deployments = []
    List reversed = cfg.services.reverse()
    for (int i = 0; i < reversed.size(); i++) {
        Map result = railwayRollback(DeploySettings.present(service: reversed[i], environment: cfg.environment,
                project: cfg.project, to: cfg.to[reversed[i]], credentialsId: cfg.credentialsId, apiUrl: cfg.apiUrl, tokenKind: cfg.tokenKind,
                pollInterval: cfg.pollInterval, reportDir: cfg.reportDir))
        deployments << [service: reversed[i], deploymentId: result.deploymentId, status: result.status]
    }
    return deployments
}

List compose(Map cfg) {
    Map rollbackArgs = DeploySettings.present(file: cfg.composeFile, projectName: cfg.projectName,
            services: DeploySettings.composeServices(cfg.services),
            reportDir: cfg.reportDir)
    if (cfg.dockerHost) {
        withEnv(["DOCKER_HOST=${cfg.dockerHost}"]) {
            dockerRollback(rollbackArgs)
        }
    } else {
        dockerRollback(rollbackArgs)
    }
    return [[services: cfg.services, status: 'ROLLED_BACK']]
}
