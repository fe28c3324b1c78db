import io.jenkins.plugins.deploygates.library.PromotionRecord
import org.junit.Before
import org.junit.Test

import static org.assertj.core.api.Assertions.assertThat

class NightlyDeployCheckTest extends BaseLibraryTest {

    public static final String SERVING = '{"commit": "' + COMMIT + '", "builtAt": "2027-01-10"}'

    Map check(Map overrides = [:]) {
        return [deployJob   : 'shop/deploy',
                environments: [[name      : 'production', health: 'https://api.shop.example/health',
                                versionUrl: 'https://api.shop.example/version',
                                smoke     : [baseUrl: 'https://shop.example', email: 'smoke@shop.example']],
                               [name: 'staging', health: 'https://api-staging.shop.example/health']]] + overrides
    }

    /** A certificate expiring {@code days} days from the test's now (2027-01-15T08:00Z). */
    static String notAfterIn(int days) {
        return "notAfter=Jan ${15 + days} 08:00:00 2027 GMT\n"
    }

    @Before
    void lastPromotedAndServing() {
        PromotionRecord record = new PromotionRecord('shop/deploy', '41', now)
        record.commit(COMMIT)
        record.finish('promoted', now)
        otherJobArtifacts['promotion-record.json'] = record.toJson()
        shell['curl'] = { Map args -> SERVING }
        shell['openssl'] = { Map args -> notAfterIn(60) }
    }

    List<String> summary() {
        return log.findAll { it.startsWith('[nightlyDeployCheck] ') && !it.contains('failed:') && !it.contains('warnings:') }
    }

    @Test
    void allGreenOnTheDefaultSchedule() {
        assertThat(runVar('nightlyDeployCheck', check())).isNull()

        assertJobStatusSuccess()
        assertThat(declarative.triggers).containsExactly('H 3 * * *')
        assertThat(summary()).containsExactly(
                '[nightlyDeployCheck] production: OK - health OK (PASS, p95 120ms); smoke OK (auth flow passed); ' +
                        'drift OK (serving 3f2c9a1, the last promoted commit); tls OK (TLS certificate has 60 days left)',
                '[nightlyDeployCheck] staging: OK - health OK (PASS, p95 120ms); tls OK (TLS certificate has 60 days left)')
        assertThat(callsOf("sh").find { it.script.contains("openssl") }.script.toString()).contains('-connect api.shop.example:443')
        assertThat(callsOf('junit')[0]).containsEntry('testResults', 'nightly-check.xml')
        assertReportRenderedAndArchived()
        assertThat(files['deploy-gates-reports/deploy-gates-report.html'].readLines()).containsExactly(
                'production/health/health-gate.json', 'production/smoke/smoke-auth.json', 'staging/health/health-gate.json')
    }

    /** After the checks, on the check's node (post always): this run's records rendered and the page archived. */
    void assertReportRenderedAndArchived() {
        assertThat(callsOf('deployGatesReport')).containsExactly([dir: 'deploy-gates-reports'])
        assertThat(archived).containsExactly('deploy-gates-reports/deploy-gates-report.html', 'deploy-gates-reports/deploy-gates-report.css')
        assertThat(stepCalls.find { it.step == 'deployGatesReport' }.heldNodes).isEqualTo(1)
        assertThat(stepNames().indexOf('deployGatesReport')).isGreaterThan(stepNames().lastIndexOf('healthGate'))
    }

    @Test
    void aRunStartsWithAnEmptyReportFolderOfItsOwn() {
        files['nightly/production/health/old.json'] = 'last night'

        runVar('nightlyDeployCheck', check(reportDir: 'nightly'))

        assertThat(callsOf('deleteDir')*.dir).containsExactly('nightly')
        assertThat(callsOf('healthGate')*.reportDir).containsExactly('nightly/production/health', 'nightly/staging/health')
        assertThat(callsOf('smokeAuthFlow')[0]).containsEntry('reportDir', 'nightly/production/smoke')
        assertThat(files).doesNotContainKey('nightly/production/health/old.json')
        assertThat(archived).containsExactly('nightly/deploy-gates-report.html', 'nightly/deploy-gates-report.css')
    }

    @Test
    void reportsDriftAndANearExpiryCertificateAndNeverDeploys() {
        shell['curl'] = { Map args -> '{"commit": "9999999deadbeef"}' }
        shell['openssl'] = { Map args -> args.script.contains('api.shop.example') ? notAfterIn(12) : notAfterIn(90) }

        Throwable failure = runVar('nightlyDeployCheck', check())

        assertThat(failure.message).isEqualTo('[nightlyDeployCheck] failed: production drift: drift: serving 9999999 but ' +
                'the last promoted commit is 3f2c9a1; production tls: TLS certificate has 12 days left')
        assertJobStatusFailure()
        assertThat(summary()[0]).startsWith('[nightlyDeployCheck] production: FAIL - ')
                .contains('drift FAIL (drift: serving 9999999 but the last promoted commit is 3f2c9a1)')
                .contains('tls WARN (TLS certificate has 12 days left)')
        assertThat(summary()[1]).startsWith('[nightlyDeployCheck] staging: OK - ')
        String junit = files['nightly-check.xml']
        assertThat(junit).contains('tests="6" failures="1"')
                .contains('<testcase classname="nightly.production" name="drift">\n    <failure message="drift: serving 9999999')
                .contains('<system-out>WARN: TLS certificate has 12 days left</system-out>')
        assertThat(stepNames()).doesNotContain('railwayUp', 'railwayRollback', 'dockerRebuild', 'dockerRollback')
        assertThat(build.description).contains('production: FAIL', 'staging: OK')
        assertReportRenderedAndArchived()
    }

    @Test
    void aCertificateUnder21DaysOnlyWarns() {
        shell['openssl'] = { Map args -> notAfterIn(20) }

        assertThat(runVar('nightlyDeployCheck', check())).isNull()

        assertJobStatusUnstable()
        assertThat(log).contains('WARNING: [nightlyDeployCheck] warnings: production tls: TLS certificate has 20 days left; ' +
                'staging tls: TLS certificate has 20 days left')
    }

    @Test
    void aCertificateUnder7DaysFails() {
        shell['openssl'] = { Map args -> notAfterIn(6) }

        assertThat(runVar('nightlyDeployCheck', check())).hasMessageContaining('production tls: TLS certificate has 6 days left')
    }

    @Test
    void anUnhealthyEnvironmentDoesNotStopTheOtherChecks() {
        healthFailure = { Map args -> args.url.contains('staging') ? 'status 502 on 10 of 10 probes' : null }
        smokePasses = { Map args -> false }

        Throwable failure = runVar('nightlyDeployCheck', check())

        assertThat(failure.message).contains('production smoke: failed: magic-link-login (login returned 401)',
                'staging health: status 502 on 10 of 10 probes')
        assertThat(callsOf('healthGate')).hasSize(2)
        assertThat(callsOf('sh').findAll { it.script.contains('openssl') }).hasSize(2)
        assertReportRenderedAndArchived()
        assertJobStatusFailure()
    }

    @Test
    void withoutAPromotedRecordDriftOnlyWarns() {
        otherJobArtifacts.clear()

        runVar('nightlyDeployCheck', check())

        assertJobStatusUnstable()
        assertThat(summary()[0]).contains('drift WARN (no promoted commit on record to compare with)')
    }

    @Test
    void settingsAreCheckedByName() {
        assertThat(runVar('nightlyDeployCheck', check(cron: 5))).hasMessage(
                "[nightlyDeployCheck] setting 'cron' must be a string, not Integer 5")
        assertThat(runVar('nightlyDeployCheck', [deployJob: 'x', environments: [[name: 'p', health: 'https://p/h', versionUrl: "https://p/v'; rm -rf /"]]]))
                .hasMessage("[nightlyDeployCheck] setting 'environments[0].versionUrl' must be a plain http(s) URL without quotes or spaces")
        assertThat(runVar('nightlyDeployCheck', [environments: []])).hasMessage("[nightlyDeployCheck] setting 'deployJob' is required")
        assertThat(stepCalls).isEmpty()
    }
}
