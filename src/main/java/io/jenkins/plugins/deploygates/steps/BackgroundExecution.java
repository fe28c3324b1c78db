package io.jenkins.plugins.deploygates.steps;

import hudson.AbortException;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.springframework.security.core.Authentication;

/**
 * The execution of a step whose work blocks for minutes (a deploy, a rollback, a compose rebuild, a smoke run). The
 * work runs on a pool thread as the build's user, as {@code SynchronousNonBlockingStepExecution} would run it, with
 * three differences a Jenkins user sees:
 * <ul>
 * <li>Aborting the build lets the work write its record first: {@link #stop} asks the work to stop, and the step
 *     ends when the work has returned, or after {@link #STOP_GRACE} at the latest; no thread waits meanwhile.</li>
 * <li>A restart is never held back for the work's whole timeout ({@link #blocksRestart} is false). After a restart
 *     the step resumes where that is safe ({@link #onResume} overridden), or ends with one sentence saying what
 *     state the interrupted work left behind ({@link #afterRestart}).</li>
 * <li>Its threads come from a factory that pins no build's class loader.</li>
 * </ul>
 */
abstract class BackgroundExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;
    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static ExecutorService pool;

    private transient volatile Future<?> task;
    private transient volatile Throwable stopCause;
    private transient volatile CompleteOnce completion;

    protected BackgroundExecution(StepContext context) {
        super(context);
    }

    /** The work, on a pool thread; it must answer an interrupt by writing what it has and returning. */
    protected abstract T run() throws Exception;

    /** After a controller restart cut the work off: one sentence on what it left behind and what to do. */
    protected abstract String afterRestart();

    @Override
    public boolean start() {
        begin(this::run);
        return false;
    }

    /** Runs {@code work} on the pool and completes the step with its result (also used to resume). */
    protected final void begin(Callable<T> work) {
        Authentication build = Jenkins.getAuthentication2();
        task = pool().submit(() -> {
            try (ACLContext ignored = ACL.as2(build)) {
                completion().succeed(work.call());
            } catch (Throwable failure) {
                Throwable cause = stopCause;
                completion().fail(cause != null ? cause : failure);
            }
        });
    }

    @Override
    public void stop(Throwable cause) {
        stopCause = cause;
        Future<?> running = task;
        if (running == null) {
            completion().fail(cause);
            return;
        }
        stopWork(running);
        Timer.get().schedule(() -> completion().fail(cause), STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks the running work to stop; by default by interrupting its thread. */
    protected void stopWork(Future<?> running) {
        running.cancel(true);
    }

    @Override
    public void onResume() {
        completion().fail(new AbortException(afterRestart()));
    }

    @Override
    public boolean blocksRestart() {
        return false;
    }

    @Override
    public String getStatus() {
        Future<?> running = task;
        if (running == null) {
            return "not running (the controller restarted)";
        }
        return stopCause != null ? "stopping: writing its record" : running.isDone() ? "done" : "running";
    }

    /** Created on first use: after a restart this execution is read back from disk without it. */
    private synchronized CompleteOnce completion() {
        if (completion == null) {
            completion = new CompleteOnce(getContext());
        }
        return completion;
    }

    /** The threads the steps' work runs on: a cached pool, so a step never waits for another to finish. */
    static synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newCachedThreadPool(new NamingThreadFactory(
                    new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()), "Deploy Gates step"));
        }
        return pool;
    }
}
