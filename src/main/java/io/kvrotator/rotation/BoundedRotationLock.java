package io.kvrotator.rotation;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.vault.SecretRef;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most a number of rotation locks held at once by this worker. A worker handed more deliveries than its cores can
 * carry would hold leases it cannot renew in time, and rule L would stop every one of those rotations before it
 * issues; here a further acquire waits, holding no lease, for one to be released, and after the wait fails
 * retryably (Event Grid redelivers). Every holder of the lock (rotation, revocation, retirement) takes a slot.
 */
public final class BoundedRotationLock implements RotationLock {

    private final RotationLock locks;
    private final int slots;
    private final Semaphore free;
    private final Duration wait;

    public BoundedRotationLock(RotationLock locks, int slots, Duration wait) {
        if (slots < 1) {
            throw new IllegalArgumentException("at least one rotation at a time: " + slots);
        }
        this.locks = locks;
        this.slots = slots;
        this.free = new Semaphore(slots, true);
        this.wait = wait;
    }

    /** Eight rotations per core: enough to keep the cores busy while most of a rotation waits for answers. */
    public static BoundedRotationLock perCore(RotationLock locks, Duration wait) {
        return new BoundedRotationLock(locks, 8 * Runtime.getRuntime().availableProcessors(), wait);
    }

    @Override
    public Optional<Lease> tryAcquire(SecretRef secret) {
        return takeSlot() ? holding(secret) : Optional.empty();
    }

    @Override
    public Lease acquire(SecretRef secret) {
        if (!takeSlot()) {
            throw RotationException.retryable(Step.LOCK, "this worker already runs " + slots + " rotations and none"
                    + " finished within " + wait.toSeconds() + " s; " + secret + " is left for a redelivery");
        }
        return holding(secret).orElseThrow(() -> RotationException.retryable(Step.LOCK, "another rotation of "
                + secret + " is in progress"));
    }

    private boolean takeSlot() {
        try {
            return free.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The lock with the slot just taken; the slot goes back with the lease, or at once when there is none. */
    private Optional<Lease> holding(SecretRef secret) {
        Optional<Lease> lease;
        try {
            lease = Steps.run(Step.LOCK, () -> locks.tryAcquire(secret));
        } catch (RuntimeException e) {
            free.release();
            throw e;
        }
        if (lease.isEmpty()) {
            free.release();
            return lease;
        }
        Lease held = lease.get();
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(new Lease() {
            @Override
            public void confirm(Step step) {
                held.confirm(step);
            }

            @Override
            public void close() {
                try {
                    held.close();
                } finally {
                    if (released.compareAndSet(false, true)) {
                        free.release();
                    }
                }
            }
        });
    }
}
