package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import java.io.PrintStream;
import java.time.Duration;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT), a CI runner cancelling the job (SIGTERM) or a closed terminal (SIGHUP) while a command runs.
 *
 * <p>Left to the JVM, these signals start its shutdown at once: the process ends with 128 + the signal number (130,
 * 143) as soon as the shutdown hooks return, whatever the command is doing, and a {@code System.exit(1)} called
 * meanwhile blocks for ever because the shutdown is already under way; the command's message and record race the
 * halt. So the command line takes these signals itself and the JVM never starts shutting down on them: the
 * command's thread is interrupted (as Jenkins interrupts an aborted step) while it is in an {@link #interruptible()}
 * section, the command cleans up (cancels what it started, writes its record), prints its one sentence, and the
 * process exits 1 through the ordinary {@code System.exit}. A cleanup that hangs is cut short after
 * {@link #CLEANUP_BOUND} (or {@value #CLEANUP_VARIABLE}), and a second signal ends the process at once, as in most command-line tools.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the only way the JDK offers to handle a signal; a JVM
 * started with {@code -Xrs}, or with a signal ignored by its parent, keeps the default behaviour for it.
 */
final class StopSignals {
    /**
     * Long enough for a cancel call to Railway and a record write. A CI runner kills the process for good some time
     * after its SIGTERM (Docker and GitLab: 10 s, GitHub Actions: 7.5 s), so {@code DEPLOY_GATES_STOP_TIMEOUT} can
     * set it below that grace period.
     */
    static final Duration CLEANUP_BOUND = Duration.ofSeconds(30);
    static final String CLEANUP_VARIABLE = "DEPLOY_GATES_STOP_TIMEOUT";
    private static final String[] NAMES = {"INT", "TERM", "HUP"};

    private static final Object LOCK = new Object();
    private static volatile String received;
    /** The thread to interrupt on a stop, while it is in an interruptible section. */
    private static Thread interruptible;
    private static PrintStream err = System.err;
    private static Duration cleanupBound = CLEANUP_BOUND;

    private StopSignals() {}

    /**
     * Takes over the stop signals for the rest of this process: only {@link DeployGatesCli#main} calls it.
     *
     * @param cleanup {@value #CLEANUP_VARIABLE}, or null for {@link #CLEANUP_BOUND}
     * @throws ConfigurationException when {@code cleanup} is not a duration
     */
    static void install(PrintStream stderr, String cleanup) {
        cleanupBound = cleanup == null || cleanup.isBlank() ? CLEANUP_BOUND : Durations.parse(CLEANUP_VARIABLE, cleanup);
        err = stderr;
        for (String name : NAMES) {
            try {
                Signal.handle(new Signal(name), signal -> stop("SIG" + signal.getName()));
            } catch (IllegalArgumentException unavailable) {
                // -Xrs, or a signal this platform does not have: the JVM's default behaviour stays
            }
        }
    }

    /** The signal that asked this process to stop ({@code SIGINT}, ...), or null. */
    static String received() {
        return received;
    }

    /** How the stop message names what stopped the command: the signal, or a plain interrupt (tests, embedding). */
    static String cause() {
        String signal = received;
        return signal != null ? signal : "an interrupt";
    }

    /**
     * While the returned section is open, a stop signal interrupts the calling thread (at once if one came before).
     * Closing it clears the thread's interrupt flag, so the cleanup that follows (a cancel call, the record write
     * through an interruptible file channel) is not refused; {@link #received()} still tells what happened.
     */
    static Section interruptible() {
        synchronized (LOCK) {
            interruptible = Thread.currentThread();
            if (received != null) {
                interruptible.interrupt();
            }
        }
        return new Section();
    }

    /** See {@link #interruptible()}. */
    static final class Section implements AutoCloseable {
        private Section() {}

        @Override
        public void close() {
            synchronized (LOCK) {
                interruptible = null;
                Thread.interrupted();
            }
        }
    }

    static void stop(String signal) {
        synchronized (LOCK) {
            if (received != null) {
                endNow("a second " + signal + " ended it at once, before it had cleaned up; its record may be"
                        + " missing or incomplete.");
            }
            received = signal;
            if (interruptible != null) {
                interruptible.interrupt();
            }
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(cleanupBound.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            endNow("stopped by " + signal + ", but cleaning up took longer than " + Durations.format(cleanupBound)
                    + " (" + CLEANUP_VARIABLE + "), so it ended without finishing; its record may be missing or"
                    + " incomplete.");
        }, "deploy-gates-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Halt, not exit: no shutdown hook or other thread gets a say any more, and the exit code stays 1. */
    private static void endNow(String sentence) {
        System.out.flush();
        err.println("deploy-gates: " + sentence);
        err.flush();
        Runtime.getRuntime().halt(ExitCode.FAILED);
    }
}
