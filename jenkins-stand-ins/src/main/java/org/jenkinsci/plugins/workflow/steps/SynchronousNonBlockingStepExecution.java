package org.jenkinsci.plugins.workflow.steps;

/**
 * Stand-in: the real class submits {@link #run()} to a shared thread pool; this one runs it on the calling
 * thread, which is what a StepContext double in a unit test needs.
 */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;

    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        try {
            getContext().onSuccess(run());
        } catch (Throwable t) {
            getContext().onFailure(t);
        }
        return false;
    }
}
