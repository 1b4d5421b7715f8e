package io.kvrotator.rotation;

import io.kvrotator.support.DaemonThreads;
import io.kvrotator.support.SafeErrorText;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * One rotation's event to machines, sent on a thread of its own from the moment the version is stored, while the
 * rotation retires, releases its lock and tells people; the rotation waits for it before it returns, so an
 * invocation never ends with its event unsent. Publishing never throws: an event the topic does not take is held.
 */
final class Announcement {

    private static final System.Logger LOG = System.getLogger(Announcement.class.getName());
    private static final ExecutorService SENDING = Executors.newCachedThreadPool(
            DaemonThreads.named("rotation-event"));

    private CompletableFuture<Void> sending = CompletableFuture.completedFuture(null);

    void send(Runnable publish) {
        try {
            sending = CompletableFuture.runAsync(publish, SENDING);
        } catch (RejectedExecutionException e) {
            publish.run();
        }
    }

    /** Returns once the event is published or held. */
    void await() {
        try {
            sending.join();
        } catch (RuntimeException e) {
            Throwable error = e.getCause() != null ? e.getCause() : e;
            LOG.log(Level.ERROR, () -> "rotation.event_failed error=" + SafeErrorText.of(error));
        }
    }
}
