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
                '[nightlyDeployCheck] production: OK - health OK (PASS, p95 190ms); smoke OK (auth flow passed); ' +
                        'drift OK (serving 3f2c9a1, the last promoted commit); tls OK (TLS certificate has 60 days left)',
                '[nightlyDeployCheck] staging: OK - health OK (PASS, p95 190ms); tls OK (TLS certificate has 60 days left)')
        assertThat(callsOf("sh").find { it.script.contains("openssl") }.script.toString()).contains('-connect api.shop.example:443')
        assertThat(callsOf('junit')[0]).containsEntry('testResults', 'nightly-check.xml')
        assertReportRenderedAndArchived()
        assertThat(files['deploy-gates-reports/deploy-gates-report.html'].readLines()).containsExactly(
                'production/health/health-gate.json', 'production/smoke/smoke-auth.json', 'staging/health/health-gate.json')
    }

    /** After the checks, on the check's node (post always): this run's records rendered and the page archived. */
    void assertReportRenderedAndArchived() {
        assertThat(callsOf('deployGatesReport')).containsExactly([dir: 'deploy-gates-reports'])
        assertThat(archived).containsExactly('deploy-gates-reports/deploy-gates-report.html', 'deploy-gates-reports/deploy-gates-report.css',
                'deploy-gates-reports/nightly-check.json')
        assertThat(stepCalls.find { it.step == 'deployGatesReport' }.heldNodes).isEqualTo(1)
        assertThat(stepNames().indexOf('deployGatesReport')).isGreaterThan(stepNames().lastIndexOf('healthGate'))
    }

    @Test
    void aRunStartsWithAnEmptyReportFolderOfItsOwn() {
        files['nightly/production/health/old.json'] = 'last night'

        runVar('nightlyDeployCheck', check(reportDir: 'nightly'))

        assertThat(callsOf('deleteDir')*.dir).containsExactly('nightly', 'deploy-gates-last-promotion')
        assertThat(callsOf('healthGate')*.reportDir).containsExactly('nightly/production/health', 'nightly/staging/health')
        assertThat(callsOf('smokeAuthFlow')[0]).containsEntry('reportDir', 'nightly/production/smoke')
        assertThat(files).doesNotContainKey('nightly/production/health/old.json')
        assertThat(archived).containsExactly('nightly/deploy-gates-report.html', 'nightly/deploy-gates-report.css',
                'nightly/nightly-check.json')
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

        assertThat(failure.message).contains('production smoke: smokeAuthFlow: smoke test of https://shop.example failed ' +
                '1 of 2 checks: token verified (login returned 401)', 'staging health: healthGate: status 502 on 10 of 10 probes')
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
    void theBuildPageSummaryGetsNightlyCheckJson() {
        shell['curl'] = { Map args -> '{"commit": "9999999deadbeef"}' }
        shell['openssl'] = { Map args -> args.script.contains('api.shop.example') ? notAfterIn(12) : notAfterIn(90) }

        runVar('nightlyDeployCheck', check())

        assertThat(files['deploy-gates-reports/nightly-check.json']).isEqualTo('{"kind":"nightly-check","worst":"FAIL",' +
                '"environments":[{"name":"production","worst":"FAIL","checks":[' +
                '{"name":"health","status":"OK","text":"PASS, p95 190ms"},' +
                '{"name":"smoke","status":"OK","text":"auth flow passed"},' +
                '{"name":"drift","status":"FAIL","text":"drift: serving 9999999 but the last promoted commit is 3f2c9a1"},' +
                '{"name":"tls","status":"WARN","text":"TLS certificate has 12 days left"}]},' +
                '{"name":"staging","worst":"OK","checks":[' +
                '{"name":"health","status":"OK","text":"PASS, p95 190ms"},' +
                '{"name":"tls","status":"OK","text":"TLS certificate has 90 days left"}]}]}')
    }

    @Test
    void aDeployJobThatRefusesTheCopyFailsTheDriftCheckOnly() {
        copyArtifactsRefused = true

        Throwable failure = runVar('nightlyDeployCheck', check())

        assertThat(failure.message).startsWith("[nightlyDeployCheck] failed: production drift: [promotionRecord] cannot read " +
                "promotion-record.json of 'shop/deploy' (Unable to find project for artifact copy: shop/deploy): it must let " +
                "this job copy its artifacts, e.g. deployPipeline(nightlyJob: 'shop/deploy')")
        assertThat(summary()[0]).contains('health OK', 'smoke OK', 'drift FAIL', 'tls OK')
        assertThat(callsOf('copyArtifacts')).hasSize(1)
        assertReportRenderedAndArchived()
        assertJobStatusFailure()
    }

    @Test
    void aCertificateOnAnotherPortIsReadThere() {
        runVar('nightlyDeployCheck', [deployJob: 'shop/deploy', environments: [
                [name: 'staging', health: 'https://127.0.0.1:8443/health']]])

        assertThat(callsOf('sh').find { it.script.contains('openssl') }.script.toString())
                .contains('-servername 127.0.0.1 -connect 127.0.0.1:8443')
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
