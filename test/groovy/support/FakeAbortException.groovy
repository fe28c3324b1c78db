package support

/** What error and failing plugin steps throw in Jenkins: hudson.AbortException, an IOException with one sentence. */
class FakeAbortException extends IOException {

    FakeAbortException(String message) {
        super(message)
    }
}
