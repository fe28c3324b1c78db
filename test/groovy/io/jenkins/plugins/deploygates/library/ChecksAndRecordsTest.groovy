package io.jenkins.plugins.deploygates.library

import groovy.json.JsonSlurper
import org.junit.Test

import static org.assertj.core.api.Assertions.assertThat

/** TLS days left, drift, nightly reports, interruptions and the promotion record. */
class ChecksAndRecordsTest {

    static final long NOW = Date.parse("yyyy-MM-dd'T'HH:mm:ssX", '2027-01-15T08:00:00Z').time

    @Test
    void tlsDaysLeftAreReadFromOpensslOutput() {
        assertThat(TlsExpiry.daysLeft('notAfter=Jan 27 08:00:00 2027 GMT\n', NOW)).isEqualTo(12L)
        assertThat(TlsExpiry.daysLeft('notAfter=Feb  3 09:30:00 2027 GMT', NOW)).isEqualTo(19L)
        assertThat(TlsExpiry.daysLeft('notAfter=Jan 14 08:00:00 2027 GMT', NOW)).as('expired').isEqualTo(-1L)
        assertThat(TlsExpiry.daysLeft('unable to load certificate', NOW)).isNull()
    }

    @Test
    void tlsWarnsUnder21AndFailsUnder7() {
        assertThat(TlsExpiry.classify(21L, 21, 7).status).isEqualTo('OK')
        assertThat(TlsExpiry.classify(20L, 21, 7).status).isEqualTo('WARN')
        assertThat(TlsExpiry.classify(7L, 21, 7).status).isEqualTo('WARN')
        assertThat(TlsExpiry.classify(6L, 21, 7)).containsEntry('status', 'FAIL').containsEntry('text', 'TLS certificate has 6 days left')
        assertThat(TlsExpiry.classify(null, 21, 7).status).isEqualTo('FAIL')
    }

    @Test
    void onlyPlainHostsGoToTheShell() {
        assertThat(TlsExpiry.hostOf('https://api.shop.example/health')).isEqualTo('api.shop.example')
        assertThat(TlsExpiry.hostOf('https://api.shop.example:8443')).isEqualTo('api.shop.example:8443')
        assertThat(TlsExpiry.connectTo('api.shop.example')).isEqualTo('api.shop.example:443')
        assertThat(TlsExpiry.connectTo('127.0.0.1:8443')).isEqualTo('127.0.0.1:8443')
        assertThat(TlsExpiry.serverName('127.0.0.1:8443')).isEqualTo('127.0.0.1')
        assertThat(TlsExpiry.hostOf('http://api.shop.example/health')).isNull()
        assertThat(TlsExpiry.hostOf('https://x.example;rm -rf /')).isNull()
    }

    @Test
    void driftComparesShortAndFullShas() {
        String full = '3f2c9a1b7d4e5f60718293a4b5c6d7e8f9012345'
        assertThat(Drift.compare('3f2c9a1', full).status).isEqualTo('OK')
        assertThat(Drift.compare(full, full).status).isEqualTo('OK')
        assertThat(Drift.compare('9999999aaaa', full)).isEqualTo(
                [status: 'FAIL', text: 'drift: serving 9999999 but the last promoted commit is 3f2c9a1'])
        assertThat(Drift.compare('3f2', full).status).as('too short to tell').isEqualTo('FAIL')
        assertThat(Drift.compare(full, null).status).isEqualTo('WARN')
        assertThat(Drift.compare(null, full).status).isEqualTo('FAIL')
    }

    @Test
    void theServingVersionComesFromJsonOrPlainText() {
        assertThat(Drift.servingVersion('{"commit": "abc1234", "x": 1}', 'commit')).isEqualTo('abc1234')
        assertThat(Drift.servingVersion('{"version": "abc1234"}', 'commit')).isNull()
        assertThat(Drift.servingVersion('abc1234\n', 'commit')).isEqualTo('abc1234')
        assertThat(Drift.servingVersion('', 'commit')).isNull()
    }

    @Test
    void nightlyReportSummarisesAndEscapes() {
        NightlyReport report = new NightlyReport()
        report.add('production', 'health', [status: 'OK', text: 'PASS'])
        report.add('production', 'tls', [status: 'WARN', text: '12 days'])
        report.add('staging', 'smoke', [status: 'FAIL', text: 'login <401> & "denied"'])
        assertThat(report.worst()).isEqualTo('FAIL')
        assertThat(report.summaryLines()).containsExactly('production: WARN - health OK (PASS); tls WARN (12 days)',
                'staging: FAIL - smoke FAIL (login <401> & "denied")')
        assertThat(report.problems()).containsExactly('production tls: 12 days', 'staging smoke: login <401> & "denied"')
        assertThat(report.toJUnit()).contains('tests="3" failures="1"',
                '<failure message="login &lt;401&gt; &amp; &quot;denied&quot;">')
        assertThat(new XmlSlurper().parseText(report.toJUnit()).testcase.size()).isEqualTo(3)
    }

    @Test
    void interruptionsAreToldApartByTheirCauses() {
        assertThat(Interruption.classify(support.FakeFlowInterruptedException.timeout())).isEqualTo([kind: 'timeout', user: null])
        assertThat(Interruption.classify(support.FakeFlowInterruptedException.rejectedBy('carol'))).isEqualTo([kind: 'rejected', user: 'carol'])
        assertThat(Interruption.classify(new support.FakeFlowInterruptedException(new Object())).kind).isEqualTo('other')
        assertThat(Interruption.classify(new InterruptedException()).kind).isEqualTo('other')
    }

    @Test
    void theRecordKeepsIdsVerdictsAndFiguresOnly() {
        PromotionRecord record = new PromotionRecord('shop/deploy', '42', NOW)
        record.commit('abc1234')
        record.deployment('staging', 'api', [deploymentId: 'd1', status: 'SUCCESS', token: 'rw_secret'], NOW)
        record.gate('staging', 'health', [verdict: 'PASS', p95Ms: 120, samples: [success: 3], headers: [Authorization: 'Bearer x']], NOW)
        record.smoke('staging', [passed: false, checks: [[name: 'login', passed: false, status: 401, cookie: 'sid=secret']]], NOW)
        record.promotion([promoted: true, outcome: 'promoted by bob', approvals: [[user: 'bob']], refusals: []])
        record.rollback('production', [target: 'railway', services: ['api'], health: [verdict: 'PASS']], NOW)
        record.finish('rolled back', NOW + 1000)

        String json = record.toJson()
        Map parsed = (Map) new JsonSlurper().parseText(json)

        assertThat(json).doesNotContain('rw_secret', 'Bearer', 'sid=secret')
        assertThat(parsed.environments.staging.deployments[0]).isEqualTo(
                [deploymentId: 'd1', status: 'SUCCESS', service: 'api', at: '2027-01-15T08:00:00Z'])
        assertThat(parsed.environments.staging.gates*.verdict).containsExactly('PASS', 'FAIL')
        assertThat(parsed.rollbacks[0].environment).isEqualTo('production')
        assertThat(parsed.finishedAt).isEqualTo('2027-01-15T08:00:01Z')
        assertThat(PromotionRecord.promotedCommit(json)).as('a rolled back run promoted nothing').isNull()
        record.finish('promoted', NOW)
        assertThat(PromotionRecord.promotedCommit(record.toJson())).isEqualTo('abc1234')
    }

    @Test
    void libraryStateSurvivesSerialization() {
        Quorum quorum = new Quorum(2, true, 'alice')
        quorum.consider([user: 'bob'], [met: true, text: 'ok'], NOW)
        PromotionRecord record = new PromotionRecord('j', '1', NOW)
        record.commit('abc1234')
        NightlyReport report = new NightlyReport()
        report.add('production', 'tls', [status: 'WARN', text: '12 days'])

        assertThat(roundTrip(quorum).approvers()).containsExactly('bob')
        assertThat(roundTrip(record).toJson()).isEqualTo(record.toJson())
        assertThat(roundTrip(report).summaryLines()).isEqualTo(report.summaryLines())
    }

    static <T> T roundTrip(T object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream()
        new ObjectOutputStream(bytes).withCloseable { it.writeObject(object) }
        return (T) new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject()
    }
}
