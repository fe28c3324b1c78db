package io.jenkins.plugins.deploygates.steps;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jenkins.security.MasterToSlaveCallable;

/**
 * Work a step runs on an agent (a compose rebuild, a health gate), stoppable from the controller by a second call.
 * Interrupting the controller's side of a remote call returns at once and leaves the agent's side to finish on its
 * own, so the build could end before the work wrote its record; a {@link Stop} instead asks the work itself to stop,
 * and the step ends when the work has returned with its record written.
 */
final class AgentWork {
    /** The work running in this JVM (the agent's), by id; it lives as long as the channel's class loader. */
    private static final Map<String, Runnable> RUNNING = new ConcurrentHashMap<>();

    private AgentWork() {}

    /** What an agent-side callable runs. */
    interface Work<T> {
        T call() throws IOException, InterruptedException;
    }

    /** Runs {@code work} in this thread, stoppable through {@code stopper} while it runs. */
    static <T> T run(String id, Runnable stopper, Work<T> work) throws IOException, InterruptedException {
        RUNNING.put(id, stopper);
        try {
            return work.call();
        } finally {
            RUNNING.remove(id);
        }
    }

    /** Stops the work of that id, if it still runs; answers whether it did. */
    static final class Stop extends MasterToSlaveCallable<Boolean, RuntimeException> {
        private static final long serialVersionUID = 1L;
        private final String id;

        Stop(String id) {
            this.id = id;
        }

        @Override
        public Boolean call() {
            Runnable stopper = RUNNING.get(id);
            if (stopper == null) {
                return false;
            }
            stopper.run();
            return true;
        }
    }
}
