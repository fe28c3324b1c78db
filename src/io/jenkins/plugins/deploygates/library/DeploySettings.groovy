package io.jenkins.plugins.deploygates.library

import com.cloudbees.groovy.cps.NonCPS

/** The settings of deployPipeline and of each environment and service in it, with their defaults. */
class DeploySettings implements Serializable {

    private static final long serialVersionUID = 1L
    private static final String D = Settings.DURATION
    private static final String REQUIRED = Settings.REQUIRED

    static final Map<String, List> TOP = [
            target             : [String, 'railway'],
            agentLabel         : [String, ''],
            tests              : [[Closure, String], REQUIRED],
            services           : [List, []],
            railwayProject     : [String, null],
            railwayApiUrl      : [String, null],
            railwayTokenKind   : [String, null],
            railwayPollInterval: [D, null],
            credentialsId      : [String, 'railway-token'],
            composeFile        : [String, 'docker-compose.yml'],
            projectName        : [String, null],
            composeServices    : [List, []],
            staging            : [Map, REQUIRED],
            production         : [Map, REQUIRED],
            migrations         : [[Closure, String], null],
            healthTimeout      : [D, '5m'],
            healthInterval     : [D, null],
            stableFor          : [D, null],
            minimumSoak        : [D, '24h'],
            approvalTimeout    : [D, '72h'],
            submitter          : [String, ''],
            quorum             : [Integer, 1],
            fourEyes           : [Boolean, true],
            watch              : [D, '15m'],
            maxErrorRate       : [Number, 0.01],
            maxP95             : [D, '800ms'],
            reportDir          : [String, 'deploy-gates-reports'],
            productionLock     : [String, null],
            nightlyJob         : [String, null],
    ]
    static final Map<String, List> ENVIRONMENT = [
            health            : [[String, List], REQUIRED],
            railwayEnvironment: [String, null],
            dockerHost        : [String, null],
            smoke             : [Map, null],
    ]
    static final Map<String, List> SERVICE = [
            name             : [String, REQUIRED],
            path             : [String, '.'],
            requiredVariables: [List, []],
            timeout          : [D, '10m'],
    ]
    static final Map<String, List> SMOKE = [
            baseUrl      : [String, REQUIRED],
            email        : [String, REQUIRED],
            mailbox      : [String, null],
            credentialsId: [String, null],
    ]

    @NonCPS
    static String problem(Map args) {
        String found = Settings.problem(TOP, args)
        if (found == null) {
            found = ['staging', 'production'].findResult { environmentProblem(it, (Map) args[it]) }
        }
        if (found == null) {
            found = targetProblem(Settings.merge(TOP, args))
        }
        return found
    }

    /** All settings with defaults filled in, environments and services included. */
    @NonCPS
    static Map merge(Map args) {
        Map merged = Settings.merge(TOP, args)
        merged.services = merged.services.collect { Settings.merge(SERVICE, (Map) it) }
        ['staging', 'production'].each { String name ->
            Map environment = Settings.merge(ENVIRONMENT, (Map) merged[name])
            environment.name = name
            environment.railwayEnvironment = environment.railwayEnvironment ?: name
            environment.smoke = environment.smoke == null ? null : Settings.merge(SMOKE, (Map) environment.smoke)
            merged[name] = environment
        }
        return merged
    }

    /** The named-parameter form healthGate takes for one or several URLs. */
    @NonCPS
    static Map healthTarget(Object health) {
        return health instanceof List ? [urls: health.collect { it.toString() }] : [url: health.toString()]
    }

    /** healthGate's parameters for one environment's URLs, probed every {@code interval} when one is set. */
    @NonCPS
    static Map healthGate(Object health, String interval, Map more) {
        return present(healthTarget(health) + [interval: interval] + more)
    }

    /**
     * What railwayUp and railwayRollback share in one run: the project, the API they talk to (Railway's, unless a
     * proxy or a test double stands in), the token and how often they poll.
     */
    @NonCPS
    static Map railwayConnection(Map merged) {
        return present([project  : merged.railwayProject, credentialsId: merged.credentialsId, apiUrl: merged.railwayApiUrl,
                        tokenKind: merged.railwayTokenKind, pollInterval: merged.railwayPollInterval])
    }

    /** Named parameters without the unset ones, so steps see only what the user chose or we default. */
    @NonCPS
    static Map present(Map parameters) {
        return parameters.findAll { it.value != null }
    }

    /** smokeAuthFlow's named parameters: the smoke settings' credentialsId is the step's mailboxCredentialsId. */
    @NonCPS
    static Map smokeStep(Map smoke, String reportDir) {
        Map parameters = smoke.findAll { it.key != 'credentialsId' }
        return present(parameters + [mailboxCredentialsId: smoke.credentialsId, reportDir: reportDir])
    }

    /** dockerRebuild and dockerRollback take the compose services as one comma-separated string; null means all. */
    @NonCPS
    static String composeServices(List services) {
        return services ? services.join(',') : null
    }

    /** The services to roll back: Railway service names, or the compose services (empty: all of them). */
    @NonCPS
    static List serviceNames(Map merged) {
        return merged.target == 'railway' ? merged.services.collect { it.name } : merged.composeServices
    }

    /** smokeAuthFlow's checks, which it returns as a map keyed by check name, as a list in run order. */
    @NonCPS
    static List<Map> smokeChecks(Map smokeResult) {
        Object checks = smokeResult?.checks
        if (checks instanceof Map) {
            return ((Map) checks).collect { name, check -> [name: name] + (Map) check }
        }
        return checks instanceof List ? (List<Map>) checks : []
    }

    @NonCPS
    static String failedChecks(Map smokeResult) {
        return smokeChecks(smokeResult).findAll { !it.passed }.collect { "${it.name} (${it.reason})" }.join(', ')
    }

    @NonCPS
    private static String environmentProblem(String name, Map environment) {
        String found = Settings.problem(ENVIRONMENT, environment, "${name}.")
        if (found == null && environment.smoke != null) {
            found = Settings.problem(SMOKE, (Map) environment.smoke, "${name}.smoke.")
        }
        return found
    }

    @NonCPS
    private static String targetProblem(Map merged) {
        if (!(merged.target in ['railway', 'compose'])) {
            return "setting 'target' must be 'railway' or 'compose', not '${merged.target}'".toString()
        }
        if (merged.target == 'railway' && merged.services.isEmpty()) {
            return "setting 'services' is required for target 'railway': list them in deploy order, e.g. [[name: 'backend', path: 'backend']]"
        }
        if (merged.quorum < 1) {
            return "setting 'quorum' must be at least 1"
        }
        int index = 0
        return merged.services.findResult { Object service ->
            String prefix = "services[${index++}]."
            service instanceof Map ? Settings.problem(SERVICE, (Map) service, prefix) :
                    "setting '${prefix[0..-2]}' must be a map like [name: 'backend', path: 'backend']".toString()
        }
    }
}
