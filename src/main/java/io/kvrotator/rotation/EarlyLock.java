package io.kvrotator.rotation;

import io.kvrotator.support.DaemonThreads;
import io.kvrotator.vault.SecretRef;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The rotation lock, asked for on a thread of its own as a rotation starts, so that taking it (in a cold worker: the
 * first connection to the function app's storage, the lock blob made) overlaps the read of the latest version and
 * the policy's decision instead of following them. The re-read under the lock still comes after the lease is held.
 * A rotation that decides not to rotate gives the lease back unused before it returns.
 */
final class EarlyLock {

    private static final ExecutorService ACQUIRING = Executors.newCachedThreadPool(
            DaemonThreads.named("rotation-lock"));

    private final CompletableFuture<RotationLock.Lease> lease;
    /** Read and set on the invocation's thread only. */
    private boolean taken;

    private EarlyLock(CompletableFuture<RotationLock.Lease> lease) {
        this.lease = lease;
    }

    static EarlyLock ask(RotationLock lock, SecretRef secret) {
        return new EarlyLock(CompletableFuture.supplyAsync(() -> lock.acquire(secret), ACQUIRING));
    }

    /** The lease, for the caller to close; or what the lock threw (another rotation holds it, storage failed). */
    RotationLock.Lease take() {
        taken = true;
        try {
            return lease.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Unless taken: waits for the acquire and gives the lease back, so that no lease of a rotation that did not
     * rotate outlives its invocation (where it would turn a later rotation of the secret away as "in progress");
     * not getting it is of no matter then.
     */
    void releaseUnlessTaken() {
        if (taken) {
            return;
        }
        try {
            lease.join().close();
        } catch (CompletionException e) {
            // Not acquired: nothing to give back.
        }
    }
}
