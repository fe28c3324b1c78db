package support

import io.jenkins.plugins.deploygates.engine.common.GateFailedException
import io.jenkins.plugins.deploygates.engine.common.Json
import io.jenkins.plugins.deploygates.engine.common.Redactor
import io.jenkins.plugins.deploygates.engine.docker.ComposeResults
import io.jenkins.plugins.deploygates.engine.health.Outcome
import io.jenkins.plugins.deploygates.engine.health.Phase
import io.jenkins.plugins.deploygates.engine.health.Sample
import io.jenkins.plugins.deploygates.engine.health.Verdict
import io.jenkins.plugins.deploygates.engine.railway.DeploymentRecord
import io.jenkins.plugins.deploygates.engine.smoke.CheckResult
import io.jenkins.plugins.deploygates.engine.smoke.SmokeReport
import io.jenkins.plugins.deploygates.engine.smoke.SmokeReports

import java.time.Instant

/**
 * What the plugin steps return and write, made by the steps' own result classes: each map comes from the same
 * {@code toMap()} the step's execution returns (Verdict, DeploymentRecord, SmokeReport, the compose engine's report),
 * each failure message is the one the step fails the build with, and each record is written with the same JSON
 * mapper. Groovy reaches the package-private constructors the engines keep for themselves. A change of shape in a
 * result class therefore reaches the var tests and {@code StepResultContractTest} at once.
 */
class StepResults {

    static final Instant STARTED = Instant.parse('2027-01-15T08:00:00Z')

    // ------------------------------------------------------------------------------------------- healthGate

    /** healthGate's result: {@code toMap()} of a verdict over three samples of {@code url}. */
    static Map health(String url, Phase phase = Phase.AWAIT) {
        List<Sample> samples = [41L, 120L, 190L].withIndex().collect { long latency, int i ->
            new Sample(url, phase, 1000L * i, latency, Outcome.SUCCESS, 200, null)
        }
        return new Verdict(true, phase, 'healthy: 3 of 3 samples passed', samples, 800L, 2400L).toMap()
    }

    /** The sentence healthGate fails the build with when the verdict is unhealthy. */
    static String healthFailure(String reason) {
        return "healthGate: ${reason}".toString()
    }

    // ------------------------------------------------------------------------------------ railwayUp / rollback

    /** railwayUp's result for a deployment that went live and replaced {@code replaced} (null: the first one). */
    static Map railwayUp(String environment, String service, String replaced = null) {
        return passed(deployment('railway-up', environment, service, "dep-${environment}-${service}", replaced)).toMap()
    }

    static Map railwayRollback(String environment, String service) {
        DeploymentRecord record = deployment('railway-rollback', environment, service, "dep-rollback-${service}", null)
        record.rolledBackTo = "dep-previous-${service}".toString()
        return passed(record).toMap()
    }

    /** The record railwayUp leaves in its reportDir: passed, failed with {@code reason}, or cut off mid-wait. */
    static String railwayUpRecord(String environment, String service, String replaced, String outcome, String reason) {
        DeploymentRecord record = deployment('railway-up', environment, service, "dep-${environment}-${service}", replaced)
        record.saw('BUILDING', STARTED.plusSeconds(5))
        if (outcome == 'passed') {
            passed(record)
        } else if (outcome == 'failed') {
            record.saw('FAILED', STARTED.plusSeconds(40))
            record.finish(DeploymentRecord.Verdict.FAILED, reason, STARTED.plusSeconds(40))
        } else if (outcome == 'live then crashed') {
            record.saw('SUCCESS', STARTED.plusSeconds(40))
            record.saw('CRASHED', STARTED.plusSeconds(55))
            record.finish(DeploymentRecord.Verdict.FAILED, reason, STARTED.plusSeconds(55))
        } else {
            record.awaitingVerdict() // written when Railway accepted the upload; nothing after it
        }
        return Json.MAPPER.writeValueAsString(record)
    }

    /** The sentence railwayUp fails the build with (the step maps the engine's GateFailedException). */
    static String railwayUpFailure(String reason) {
        return "railwayUp: ${reason}".toString()
    }

    private static DeploymentRecord deployment(String operation, String environment, String service, String id,
                                               String replaced) {
        DeploymentRecord record = new DeploymentRecord(operation, STARTED)
        record.environmentName = environment
        record.serviceName = service
        record.deploymentId = id
        record.replacedDeploymentId = replaced
        record.deploymentDomain = "${service}-${environment}.up.railway.app".toString()
        record.logsUrl = "https://railway.com/project/p/service/${service}?id=${id}".toString()
        return record
    }

    private static DeploymentRecord passed(DeploymentRecord record) {
        record.saw('SUCCESS', STARTED.plusSeconds(61))
        record.finish(DeploymentRecord.Verdict.PASSED, 'deployed', STARTED.plusSeconds(61))
        return record
    }

    // ---------------------------------------------------------------------------------------- smokeAuthFlow

    /** smokeAuthFlow's result when every check passed (it fails the build otherwise, see {@link #smokeFailure}). */
    static Map smoke(String baseUrl, String email) {
        return smokeReport(baseUrl, email, true).toMap()
    }

    /** The sentence smokeAuthFlow fails the build with when the login check fails. */
    static String smokeFailure(String baseUrl, String email) {
        try {
            smokeReport(baseUrl, email, false).requirePassed()
            throw new IllegalStateException('requirePassed did not fail')
        } catch (GateFailedException failed) {
            return "smokeAuthFlow: ${Redactor.byShape().redact(failed.message)}".toString()
        }
    }

    private static SmokeReport smokeReport(String baseUrl, String email, boolean passed) {
        List<CheckResult> checks = [
                new CheckResult('link requested', CheckResult.Outcome.PASSED, 'POST /api/auth/send-magic-link', 200, 90L, null, '200'),
                new CheckResult('token verified', passed ? CheckResult.Outcome.PASSED : CheckResult.Outcome.FAILED,
                        'GET /api/auth/verify', passed ? 302 : 401, 140L, passed ? null : 'login returned 401',
                        passed ? '302' : '401')]
        return SmokeReports.of('magic-link', baseUrl, email, checks)
    }

    // ------------------------------------------------------------------------------ dockerRebuild / rollback

    /** dockerRebuild's result: the compose engine's report of running, healthy containers. */
    static Map dockerRebuild(String project, List<String> services) {
        return ComposeResults.passed('dockerRebuild', project, services)
    }

    static Map dockerRollback(String project, List<String> services) {
        return ComposeResults.passed('dockerRollback', project, services)
    }
}
