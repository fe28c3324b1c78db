package io.jenkins.plugins.deploygates.engine.docker;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work that runs on a daemon thread of its own while the caller goes on, and whose result or failure the caller
 * reads later as if it had run in its place: the same exceptions, and an interruption of the caller stops it.
 */
final class BackgroundTask<T> {
    private final FutureTask<T> task;

    private BackgroundTask(FutureTask<T> task) {
        this.task = task;
    }

    static <T> BackgroundTask<T> start(String threadName, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        thread.start();
        return new BackgroundTask<>(task);
    }

    T result() throws IOException, InterruptedException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            cancel();
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof InterruptedException stopped) {
                throw stopped;
            }
            if (e.getCause() instanceof RuntimeException failed) {
                throw failed;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops the work if it still runs (the process runner kills a process whose thread is interrupted). */
    void cancel() {
        task.cancel(true);
    }
}
