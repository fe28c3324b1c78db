package io.jenkins.plugins.deploygates.library

import com.cloudbees.groovy.cps.NonCPS

/** The settings of nightlyDeployCheck and of each environment it checks. */
class NightlySettings implements Serializable {

    private static final long serialVersionUID = 1L

    static final Map<String, List> TOP = [
            cron         : [String, 'H 3 * * *'],
            agentLabel   : [String, ''],
            deployJob    : [String, Settings.REQUIRED],
            environments : [List, Settings.REQUIRED],
            healthTimeout: [Settings.DURATION, '2m'],
            healthInterval: [Settings.DURATION, null],
            tlsWarnDays  : [Integer, 21],
            tlsFailDays  : [Integer, 7],
            reportDir    : [String, 'deploy-gates-reports'],
    ]
    static final Map<String, List> ENVIRONMENT = [
            name        : [String, Settings.REQUIRED],
            health      : [[String, List], Settings.REQUIRED],
            versionUrl  : [String, null],
            versionField: [String, 'commit'],
            tlsHost     : [String, null],
            smoke       : [Map, null],
    ]

    @NonCPS
    static String problem(Map args) {
        String found = Settings.problem(TOP, args)
        int index = 0
        return found ?: args.environments.findResult { Object environment ->
            String prefix = "environments[${index++}]."
            if (!(environment instanceof Map)) {
                return "setting '${prefix[0..-2]}' must be a map like [name: 'production', health: 'https://…/health']".toString()
            }
            return Settings.problem(ENVIRONMENT, (Map) environment, prefix) ?: urlProblem(prefix, (Map) environment) ?:
                    (environment.smoke ? Settings.problem(DeploySettings.SMOKE, (Map) environment.smoke, prefix + 'smoke.') : null)
        }
    }

    @NonCPS
    static Map merge(Map args) {
        Map merged = Settings.merge(TOP, args)
        merged.environments = merged.environments.collect { Object environment ->
            Map one = Settings.merge(ENVIRONMENT, (Map) environment)
            one.tlsHost = one.tlsHost ?: TlsExpiry.hostOf(one.health instanceof List ? one.health[0] : one.health)
            one.smoke = one.smoke == null ? null : DeploySettings.present(Settings.merge(DeploySettings.SMOKE, (Map) one.smoke))
            return one
        }
        return merged
    }

    /** The versionUrl and tlsHost go into shell commands, so only plain URLs and host names are accepted. */
    @NonCPS
    private static String urlProblem(String prefix, Map environment) {
        if (environment.versionUrl != null && !(environment.versionUrl.toString() ==~ /https?:\/\/[A-Za-z0-9.:\/_?&=%-]+/)) {
            return "setting '${prefix}versionUrl' must be a plain http(s) URL without quotes or spaces".toString()
        }
        if (environment.tlsHost != null && !(environment.tlsHost.toString() ==~ TlsExpiry.HOST_AND_PORT)) {
            return "setting '${prefix}tlsHost' must be a host name like app.example.com, with :port when not 443".toString()
        }
        return null
    }
}
