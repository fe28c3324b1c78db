package io.jenkins.plugins.deploygates.library

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

/**
 * What one run of the deploy pipeline did, written as promotion-record.json: the commit, per environment the
 * deployments and every gate verdict with its figures, migrations, approvals, rollbacks and the outcome. Only
 * ids, verdicts and figures are copied from step results, so nothing secret can ride along.
 */
class PromotionRecord implements Serializable {

    private static final long serialVersionUID = 1L
    static final String FILE = 'promotion-record.json'
    static final String PROMOTED = 'promoted'
    private static final List<String> GATE_FIGURES =
            ['verdict', 'healthy', 'reason', 'samples', 'p50Ms', 'p95Ms', 'maxMs', 'timeToHealthyMs']
    private static final List<String> DEPLOY_FIELDS = ['deploymentId', 'status', 'url', 'logsUrl', 'durationMs']

    final Map data

    PromotionRecord(String job, String build, long startedMillis) {
        data = [job: job, build: build, commit: null, startedAt: Clock.iso(startedMillis), finishedAt: null,
                outcome: 'in progress', environments: [:], migrations: null, promotion: null, rollbacks: []]
    }

    @NonCPS
    void commit(String sha) {
        data.commit = sha
    }

    @NonCPS
    void deployment(String environment, String service, Map result, long atMillis) {
        Map picked = pick(result, DEPLOY_FIELDS) + [service: service, at: Clock.iso(atMillis)]
        if (result?.services instanceof List) {
            picked.images = result.services.collect { [service: it.service, imageId: it.imageId, state: it.state] }
        }
        environmentOf(environment).deployments << picked
    }

    @NonCPS
    void gate(String environment, String name, Map result, long atMillis) {
        environmentOf(environment).gates << (pick(result, GATE_FIGURES) + [gate: name, at: Clock.iso(atMillis)])
    }

    /** smokeAuthFlow's result (checks by name), or [passed: false, reason:] when the step failed the build. */
    @NonCPS
    void smoke(String environment, Map result, long atMillis) {
        List checks = DeploySettings.smokeChecks(result).collect {
            pick(it, ['name', 'outcome', 'passed', 'status', 'latencyMillis', 'reason'])
        }
        Map entry = [gate: 'smoke', verdict: result?.passed ? 'PASS' : 'FAIL', checks: checks, at: Clock.iso(atMillis)]
        if (result?.reason) {
            entry.reason = result.reason.toString()
        }
        environmentOf(environment).gates << entry
    }

    @NonCPS
    void migrations(String status, String detail, long atMillis) {
        data.migrations = [status: status, detail: detail, at: Clock.iso(atMillis)]
    }

    @NonCPS
    void promotion(Map decision) {
        data.promotion = pick(decision, ['promoted', 'outcome', 'approvals', 'refusals', 'soak', 'decidedAt'])
    }

    @NonCPS
    void rollback(String environment, Map report, long atMillis) {
        data.rollbacks << (pick(report, ['target', 'services', 'health', 'reason', 'deployments']) +
                [environment: environment, at: Clock.iso(atMillis)])
    }

    @NonCPS
    void finish(String outcome, long atMillis) {
        data.outcome = outcome
        data.finishedAt = Clock.iso(atMillis)
    }

    @NonCPS
    String toJson() {
        return JsonOutput.prettyPrint(JsonOutput.toJson(data))
    }

    /** The commit a record says reached production, or null when that run did not promote. */
    @NonCPS
    static String promotedCommit(String json) {
        Map parsed = (Map) new JsonSlurper().parseText(json)
        return parsed.outcome == PROMOTED ? parsed.commit : null
    }

    @NonCPS
    private Map environmentOf(String name) {
        if (!data.environments.containsKey(name)) {
            data.environments[name] = [deployments: [], gates: []]
        }
        return (Map) data.environments[name]
    }

    @NonCPS
    private static Map pick(Map source, List<String> keys) {
        Map picked = [:]
        keys.each { String key ->
            if (source != null && source[key] != null) {
                picked[key] = source[key] instanceof GString ? source[key].toString() : source[key]
            }
        }
        return picked
    }
}
