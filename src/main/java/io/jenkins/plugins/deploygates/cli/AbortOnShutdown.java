package io.jenkins.plugins.deploygates.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or a SIGTERM (a CI runner cancelling the job) while a command waits: the JVM's shutdown interrupts the
 * waiting thread, as Jenkins interrupts an aborted step, and gives it a bounded time to clean up (cancel what it
 * started, write its record) before the process ends. Close it when the command is done, cleanup included.
 */
final class AbortOnShutdown implements AutoCloseable {
    /** Long enough for a cancel call and a record write; a second Ctrl-C is not needed to get out. */
    private static final long CLEANUP_SECONDS = 20;

    private final Thread hook;
    private final CountDownLatch cleanedUp = new CountDownLatch(1);

    private AbortOnShutdown(Thread waiting) {
        this.hook = new Thread(() -> {
            waiting.interrupt();
            try {
                cleanedUp.await(CLEANUP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "deploy-gates-abort");
    }

    /** Interrupts the calling thread if the JVM starts shutting down before {@link #close()}. */
    static AbortOnShutdown forCurrentThread() {
        AbortOnShutdown abort = new AbortOnShutdown(Thread.currentThread());
        Runtime.getRuntime().addShutdownHook(abort.hook);
        return abort;
    }

    @Override
    public void close() {
        cleanedUp.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that the cleanup is done
        }
    }
}
