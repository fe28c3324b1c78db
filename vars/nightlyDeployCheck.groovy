import io.jenkins.plugins.deploygates.library.Clock
import io.jenkins.plugins.deploygates.library.DeploySettings
import io.jenkins.plugins.deploygates.library.Drift
import io.jenkins.plugins.deploygates.library.NightlyReport
import io.jenkins.plugins.deploygates.library.NightlySettings
import io.jenkins.plugins.deploygates.library.TlsExpiry

/**
 * A scheduled check that never deploys: per environment the health gate, the smoke flow, drift from the last
 * promoted commit and TLS days left, published as JUnit with one summary line per environment.
 */
void call(Map args = [:]) {
    String problem = NightlySettings.problem(args)
    if (problem != null) {
        error "[nightlyDeployCheck] ${problem}"
    }
    Map cfg = NightlySettings.merge(args)
    NightlyReport report = new NightlyReport()

    pipeline {
        agent none
        triggers { cron(cfg.cron) }
        options {
            skipDefaultCheckout()
            buildDiscarder(logRotator(numToKeepStr: '60'))
        }
        stages {
            stage('Nightly check') {
                agent { label cfg.agentLabel }
                steps { script { checkAll(cfg, report) } }
                post { always { script { publish(cfg, report) } } }
            }
            stage('Verdict') {
                steps { script { verdict(report) } }
            }
        }
    }
}

void checkAll(Map cfg, NightlyReport report) {
    dir(cfg.reportDir) {
        deleteDir() // a reused workspace still holds last night's records
    }
    Map promoted = [:] // read once, by the first drift check, inside its guard: a refusal fails that check only
    for (int i = 0; i < cfg.environments.size(); i++) {
        Map environment = cfg.environments[i]
        report.add(environment.name, 'health', guarded { health(cfg, environment) })
        if (environment.smoke != null) {
            report.add(environment.name, 'smoke', guarded { smoke(cfg, environment) })
        }
        if (environment.versionUrl != null) {
            report.add(environment.name, 'drift', guarded { drift(cfg, environment, promoted) })
        }
        if (environment.tlsHost != null) {
            report.add(environment.name, 'tls', guarded { tls(cfg, environment) })
        }
    }
}

/** One check's result, or FAIL with the reason when the check itself throws (an abort still stops the build). */
Map guarded(Closure check) {
    try {
        return check()
    } catch (InterruptedException interruption) {
        throw interruption
    } catch (Exception failure) {
        return [status: 'FAIL', text: failure.message]
    }
}

Map health(Map cfg, Map environment) {
    Map result = healthGate(DeploySettings.healthGate(environment.health, cfg.healthInterval, [timeout: cfg.healthTimeout,
            reportDir: "${cfg.reportDir}/${environment.name}/health".toString()]))
    return [status: result.healthy ? 'OK' : 'FAIL', text: "${result.verdict}, p95 ${result.p95Ms}ms".toString()]
}

Map smoke(Map cfg, Map environment) {
    Map result = smokeAuthFlow(DeploySettings.smokeStep(environment.smoke, "${cfg.reportDir}/${environment.name}/smoke".toString()))
    return [status: result.passed ? 'OK' : 'FAIL',
            text  : result.passed ? 'auth flow passed' : "failed: ${DeploySettings.failedChecks(result)}".toString()]
}

Map drift(Map cfg, Map environment, Map promoted) {
    if (!promoted.containsKey('commit')) {
        promoted.commit = promotionRecord.lastPromotedCommit(projectName: cfg.deployJob)
    }
    String body = sh(script: "curl -fsS --max-time 20 '${environment.versionUrl}'", returnStdout: true)
    return Drift.compare(Drift.servingVersion(body, environment.versionField), promoted.commit)
}

Map tls(Map cfg, Map environment) {
    String host = environment.tlsHost
    String out = sh(returnStdout: true, script: "echo | openssl s_client -servername ${TlsExpiry.serverName(host)} " +
            "-connect ${TlsExpiry.connectTo(host)} 2>/dev/null | openssl x509 -noout -enddate")
    return TlsExpiry.classify(TlsExpiry.daysLeft(out, Clock.nowMillis()), (int) cfg.tlsWarnDays, (int) cfg.tlsFailDays)
}

/**
 * JUnit, nightly-check.json (for the build page) and summary lines, then this run's records as one HTML page
 * (archived), failed checks included.
 */
void publish(Map cfg, NightlyReport report) {
    writeFile(file: 'nightly-check.xml', text: report.toJUnit())
    junit(testResults: 'nightly-check.xml', allowEmptyResults: false)
    List<String> lines = report.summaryLines()
    for (int i = 0; i < lines.size(); i++) {
        echo "[nightlyDeployCheck] ${lines[i]}"
    }
    currentBuild.description = lines.join('\n')
    archiveArtifacts(artifacts: deployGatesReport(dir: cfg.reportDir))
    String json = "${cfg.reportDir}/${NightlyReport.JSON_FILE}".toString()
    writeFile(file: json, text: report.toJson())
    archiveArtifacts(artifacts: json)
}

void verdict(NightlyReport report) {
    String worst = report.worst()
    if (worst == 'FAIL') {
        error "[nightlyDeployCheck] failed: ${report.problems().join('; ')}"
    }
    if (worst == 'WARN') {
        unstable "[nightlyDeployCheck] warnings: ${report.problems().join('; ')}"
    }
}
