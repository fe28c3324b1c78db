package io.jenkins.plugins.deploygates.library

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonSlurper

/**
 * What railwayUp's record ({@code railway-up-<service>.json}, written as soon as Railway accepts the upload and
 * again with the verdict) says about a deploy whose step did not return a result.
 */
class RailwayRecord implements Serializable {

    private static final long serialVersionUID = 1L
    /** Statuses of a deployment that went live (a crash comes after serving). */
    private static final List<String> SERVED = ['SUCCESS', 'SLEEPING', 'CRASHED']

    /** The record's file name for a service, made safe the way railwayUp makes it. */
    @NonCPS
    static String fileName(String service) {
        return "railway-up-${service.trim().replaceAll(/[^A-Za-z0-9._-]/, '_')}.json".toString()
    }

    /**
     * Whether the deployment may serve although railwayUp ended without a result: Railway accepted the upload and
     * no verdict was written (the wait was cut off, by a Jenkins restart for one), the step was stopped before a
     * deployment that was not cancelled, or the deployment went live before it failed.
     */
    @NonCPS
    static boolean mayBeLive(String json) {
        Map record = parse(json)
        if (!record.deploymentId) {
            return false
        }
        boolean served = ((List) record.statuses ?: []).any { it instanceof Map && it.status in SERVED }
        return record.verdict == null || served || record.verdict == 'INTERRUPTED' && record.status != 'REMOVED'
    }

    /** The deployment that served before the upload, the one a rollback must restore; null when there was none. */
    @NonCPS
    static String replaced(String json) {
        Object id = parse(json).replacedDeploymentId
        return id ? id.toString() : null
    }

    @NonCPS
    private static Map parse(String json) {
        Object parsed = json ? new JsonSlurper().parseText(json) : null
        return parsed instanceof Map ? (Map) parsed : [:]
    }
}
