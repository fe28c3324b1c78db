package support

/**
 * currentBuild as a pipeline sees it: the result only ever gets worse (as Jenkins' Run.setResult does),
 * description, and the build causes (who started it).
 */
class FakeBuild implements Serializable {

    static final List<String> WORSENING = ['SUCCESS', 'UNSTABLE', 'FAILURE', 'NOT_BUILT', 'ABORTED']

    String currentResult = 'SUCCESS'
    String description
    int number = 42
    long startTimeInMillis
    List<Map> userCauses = []

    String getResult() {
        return currentResult
    }

    void setResult(String result) {
        if (!WORSENING.contains(result)) {
            throw new IllegalArgumentException("not a build result: ${result}")
        }
        if (WORSENING.indexOf(result) > WORSENING.indexOf(currentResult)) {
            currentResult = result
        }
    }

    List<Map> getBuildCauses(String type) {
        return type == 'hudson.model.Cause$UserIdCause' ? userCauses : []
    }

    void startedBy(String userId) {
        userCauses = [[_class: 'hudson.model.Cause$UserIdCause', userId: userId, shortDescription: "Started by user ${userId}"]]
    }
}
