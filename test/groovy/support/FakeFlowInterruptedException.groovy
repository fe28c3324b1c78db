package support

/**
 * Stand-in for org.jenkinsci.plugins.workflow.steps.FlowInterruptedException (an InterruptedException carrying
 * causes of interruption). The cause classes below carry the simple names of the real ones:
 * TimeoutStepExecution.ExceededTimeout and the input step's Rejection.
 */
class FakeFlowInterruptedException extends InterruptedException {

    final List causes

    FakeFlowInterruptedException(Object cause) {
        super('interrupted')
        causes = [cause]
    }

    List getCauses() {
        return causes
    }

    static FakeFlowInterruptedException timeout() {
        return new FakeFlowInterruptedException(new ExceededTimeout())
    }

    static FakeFlowInterruptedException rejectedBy(String userId) {
        return new FakeFlowInterruptedException(new Rejection(new FakeUser(userId)))
    }

    /** The build's stop button (CauseOfInterruption.UserInterruption). */
    static FakeFlowInterruptedException abortedBy(String userId) {
        return new FakeFlowInterruptedException(new UserInterruption(userId))
    }

    static class UserInterruption implements Serializable {
        final String user

        UserInterruption(String user) {
            this.user = user
        }
    }

    static class ExceededTimeout implements Serializable {
    }

    static class Rejection implements Serializable {
        final FakeUser user

        Rejection(FakeUser user) {
            this.user = user
        }
    }

    static class FakeUser implements Serializable {
        final String id

        FakeUser(String id) {
            this.id = id
        }
    }
}
