package io.jenkins.plugins.deploygates.engine.docker

import io.jenkins.plugins.deploygates.engine.common.Redactor

/**
 * The compose engine's report of a rebuild or rollback whose containers all run and are healthy, as
 * {@code DockerRebuild.run} and {@code DockerRollback.run} return it to the steps. The report class is the engine's
 * own (package-private), so this helper lives in its package.
 */
class ComposeResults {

    static Map passed(String step, String project, List<String> services) {
        DockerReport report = new DockerReport(step, project, Redactor.byShape())
        report.services(services.collect { String service ->
            new ContainerState(project, service, "c-${service}".toString(), "${project}-${service}-1".toString(),
                    'running', 'healthy', 0, "sha256:${service}1234567890abcdef".toString(), "${project}-${service}".toString(), 0)
        })
        report.passed()
        return report.toMap()
    }
}
