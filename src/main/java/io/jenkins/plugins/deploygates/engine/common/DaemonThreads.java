package io.jenkins.plugins.deploygates.engine.common;

import java.util.concurrent.ThreadFactory;

/**
 * Threads an engine starts for blocking I/O it may have to walk away from (a server that stopped answering): daemon
 * threads, so one stuck on a socket never keeps the JVM of a finished command alive, named for thread dumps.
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    public static ThreadFactory named(String name) {
        return work -> {
            Thread t = new Thread(work, name);
            t.setDaemon(true);
            return t;
        };
    }
}
