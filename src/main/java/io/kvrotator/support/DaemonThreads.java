package io.kvrotator.support;

import java.util.concurrent.ThreadFactory;

/** Threads of the app's own pools: daemons, so that none keeps a stopping worker alive, named for thread dumps. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
