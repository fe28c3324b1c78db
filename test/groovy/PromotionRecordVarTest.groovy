import groovy.json.JsonSlurper
import io.jenkins.plugins.deploygates.library.PromotionRecord
import org.junit.Test

import static org.assertj.core.api.Assertions.assertThat

class PromotionRecordVarTest extends BaseLibraryTest {

    @Test
    void writesAndArchivesTheRecord() {
        PromotionRecord record = new PromotionRecord('shop/deploy', '42', now)
        record.commit(COMMIT)
        record.finish('promoted', now)

        Object file = jenkinsfile.invokeMethod('promotionRecord', [[record: record]] as Object[])

        assertThat(file).isEqualTo('promotion-record.json')
        assertThat(archived).containsExactly('promotion-record.json')
        assertThat(new JsonSlurper().parseText(files['promotion-record.json']).commit).isEqualTo(COMMIT)
    }

    @Test
    void readsTheLastPromotedCommitOfTheDeployJob() {
        PromotionRecord record = new PromotionRecord('shop/deploy', '41', now)
        record.commit(COMMIT)
        record.finish('promoted', now)
        otherJobArtifacts['promotion-record.json'] = record.toJson()

        Object commit = binding.getVariable('promotionRecord').lastPromotedCommit(projectName: 'shop/deploy')

        assertThat(commit).isEqualTo(COMMIT)
        assertThat(callsOf('copyArtifacts')[0]).containsEntry('projectName', 'shop/deploy').containsEntry('optional', true)
                .containsEntry('filter', '**/promotion-record.json').containsEntry('flatten', true)
    }

    @Test
    void findsTheRecordInTheReportFolderWhereDeployPipelineArchivesIt() {
        PromotionRecord record = new PromotionRecord('shop/deploy', '41', now)
        record.commit(COMMIT)
        record.finish('promoted', now)
        otherJobArtifacts['deploy-gates-reports/promotion-record.json'] = record.toJson()

        Object commit = binding.getVariable('promotionRecord').lastPromotedCommit(projectName: 'shop/deploy')

        assertThat(commit).isEqualTo(COMMIT)
        assertThat(files).containsKey('deploy-gates-last-promotion/promotion-record.json')
    }

    @Test
    void noRecordMeansNoPromotedCommit() {
        assertThat(binding.getVariable('promotionRecord').lastPromotedCommit(projectName: 'shop/deploy')).isNull()
    }

    @Test
    void refusesSomethingThatIsNotARecord() {
        assertThat(runVar('promotionRecord', [record: [commit: COMMIT]])).hasMessageStartingWith(
                "[promotionRecord] setting 'record' must be the run's PromotionRecord")
        assertThat(archived).isEmpty()
    }
}
