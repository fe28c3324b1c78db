package io.jenkins.plugins.deploygates.engine.smoke.mail;

import io.jenkins.plugins.deploygates.engine.common.DaemonThreads;
import io.jenkins.plugins.deploygates.engine.common.Deadline;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A run's one connection to its mailbox. Every blocking mailbox call runs on this waiter's own thread, and the run
 * waits for it no longer than its deadline whatever the server does: a mailbox that stops answering costs the run
 * what is left of its timeout, never more. Stopping the run (an interrupt) drops the connection at once.
 */
public final class MailWaiter implements AutoCloseable {
    private static final Duration FINAL_READ = Duration.ofSeconds(1);
    private final Mailbox mailbox;
    private final Deadline deadline;
    private final Duration pollInterval;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(DaemonThreads.named("smoke-mailbox"));
    private MailSession session;
    /** A call outlived the deadline or was stopped, so the connection may be in any state. */
    private boolean stuck;

    private MailWaiter(Mailbox mailbox, Deadline deadline, Duration pollInterval) {
        this.mailbox = mailbox;
        this.deadline = deadline;
        this.pollInterval = pollInterval;
    }

    /** Connects, logs in and opens the folder: the run's "mailbox ready" check. */
    public static MailWaiter connect(Mailbox mailbox, Deadline deadline, Duration pollInterval)
            throws IOException, InterruptedException {
        MailWaiter waiter = new MailWaiter(mailbox, deadline, pollInterval);
        try {
            waiter.session = waiter.call(() -> mailbox.connect(deadline.remaining()), "connecting to");
            return waiter;
        } catch (IOException | InterruptedException | RuntimeException e) {
            waiter.close();
            throw e;
        }
    }

    /** What connecting showed. */
    public String summary() {
        return session.summary();
    }

    /**
     * The newest message to the address that arrived after the request (mail servers stamp arrival to the second,
     * so the request time is rounded down to its second), waiting for it until the deadline.
     *
     * @param otherRun whether a recipient is another run's address of the same mailbox
     */
    public MailWait newestTo(String address, Predicate<String> otherRun, Instant requestedAt)
            throws IOException, InterruptedException {
        Instant since = requestedAt.truncatedTo(ChronoUnit.SECONDS);
        while (true) {
            List<MailMessage> arrived = call(() -> session.messagesSince(since), "reading");
            MailWait wait = MailWait.of(arrived, address, otherRun);
            if (wait.message().isPresent()) {
                MailMessage newest = wait.message().get();
                call(newest::text, "reading an email from");
                return wait;
            }
            Duration idle = deadline.remaining().minus(finalReadReserve());
            if (idle.isNegative() || idle.isZero() || !awaitChange(idle)) {
                return wait;
            }
        }
    }

    /**
     * Time kept back from the last wait for one more read, so an email that lands at the end is still seen and a
     * run that saw none ends by saying so, not by a read cut off at the deadline.
     */
    private Duration finalReadReserve() {
        Duration tenth = deadline.total().dividedBy(10);
        return tenth.compareTo(FINAL_READ) < 0 ? tenth : FINAL_READ;
    }

    /** False when the deadline came while waiting: then the wait is over, which is no failure of the mailbox. */
    private boolean awaitChange(Duration max) throws IOException, InterruptedException {
        try {
            call(() -> {
                session.awaitChange(pollInterval, max);
                return null;
            }, "waiting on");
            return true;
        } catch (NoAnswer deadlineCame) {
            return false;
        }
    }

    private <T> T call(Callable<T> work, String what) throws IOException, InterruptedException {
        if (stuck) {
            throw new IOException(mailbox.describe() + " stopped answering earlier in this run");
        }
        Future<T> future = worker.submit(work);
        try {
            return future.get(deadline.remainingMillisForTimeout(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stuck = true;
            future.cancel(true);
            throw new NoAnswer(what + " " + mailbox.describe() + " did not end within the run's timeout of "
                    + Durations.format(deadline.total()));
        } catch (InterruptedException e) {
            stuck = true;
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static IOException rethrow(Throwable cause) {
        if (cause instanceof IOException) {
            return (IOException) cause;
        }
        if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new IOException(cause.getMessage(), cause);
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    /** Logs out in the background (nothing waits for it), or drops a connection that stopped answering. */
    @Override
    public void close() {
        if (session != null) {
            if (stuck) {
                session.abort();
            } else {
                worker.execute(session::close);
            }
        }
        worker.shutdown();
    }

    /** The mailbox did not answer before the run's deadline. */
    static final class NoAnswer extends IOException {
        private static final long serialVersionUID = 1L;

        NoAnswer(String message) {
            super(message);
        }
    }
}
