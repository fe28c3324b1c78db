import io.jenkins.plugins.deploygates.library.PromotionRecord
import org.junit.Test

import static org.assertj.core.api.Assertions.assertThat

/** The shipped example Jenkinsfiles load the library the way Jenkins does and run end to end in the harness. */
class ExamplesTest extends BaseLibraryTest {

    public static final String EXAMPLES = 'resources/io/jenkins/plugins/deploygates/examples/'

    Throwable runExample(String name) {
        try {
            runScript(loadScript(EXAMPLES + name))
            return null
        } catch (Throwable failure) {
            return failure
        }
    }

    @Test
    void railwayBackendAndFrontend() {
        approvals << [user: 'bob', afterMs: 25 * HOUR]

        assertThat(runExample('railway-backend-frontend.Jenkinsfile')).isNull()

        assertJobStatusSuccess()
        assertThat(callsOf('railwayUp').collect { "${it.environment}/${it.service}".toString() }).containsExactly(
                'staging/backend', 'staging/frontend', 'production/backend', 'production/frontend')
        assertThat(callsOf('railwayUp')[0].requiredVariables).containsExactly('DATABASE_URL')
        assertThat(callsOf('sh')*.script).containsExactly('npm ci && npm run test:e2e', 'cd backend && npm run migrate')
        assertThat(callsOf('smokeAuthFlow')[0]).containsEntry('mailboxCredentialsId', 'mailbox-token')
        assertThat(archived).containsExactly('deploy-gates-reports/promotion-record.json', 'deploy-gates-reports/deploy-gates-report.html',
                'deploy-gates-reports/deploy-gates-report.css')
    }

    @Test
    void composeVpsWithTwoApprovers() {
        approvals << [user: 'bob', afterMs: 25 * HOUR] << [user: 'carol']

        assertThat(runExample('compose-vps.Jenkinsfile')).isNull()

        assertJobStatusSuccess()
        assertThat(callsOf('dockerRebuild')*.dockerHost).containsExactly('ssh://deploy@staging.shop.example', 'ssh://deploy@shop.example')
        assertThat(inputCalls).hasSize(2)
    }

    @Test
    void nightlyCheck() {
        PromotionRecord record = new PromotionRecord('shop/deploy', '41', now)
        record.commit(COMMIT)
        record.finish('promoted', now)
        otherJobArtifacts['promotion-record.json'] = record.toJson()
        shell['curl'] = { Map args -> "{\"commit\": \"${COMMIT}\"}".toString() }
        shell['openssl'] = { Map args -> 'notAfter=Apr 15 08:00:00 2027 GMT' }

        assertThat(runExample('nightly-check.Jenkinsfile')).isNull()

        assertJobStatusSuccess()
        assertThat(declarative.triggers).containsExactly('H 3 * * *')
        assertThat(files['nightly-check.xml']).contains('tests="6" failures="0"')
    }
}
