package org.jenkinsci.plugins.workflow.steps;

/**
 * Stand-in: the real class submits {@link #run()} to a shared thread pool; this one runs it on the calling
 * thread, which is what a StepContext double in a unit test needs. {@link #stop} does what the real one does to
 * that thread (interrupts it) and then completes the step with the cause.
 */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;
    private transient volatile Thread runner;

    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        runner = Thread.currentThread();
        try {
            getContext().onSuccess(run());
        } catch (Throwable t) {
            getContext().onFailure(t);
        } finally {
            runner = null;
        }
        return false;
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        Thread running = runner;
        if (running != null) {
            running.interrupt();
        }
        super.stop(cause);
    }
}
