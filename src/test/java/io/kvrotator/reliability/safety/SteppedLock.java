package io.kvrotator.reliability.safety;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.rotation.RotationLock;
import io.kvrotator.vault.SecretRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rotation lock as the blob lease behaves, shared by the model's two workers, with leases that expire on the
 * model's clock and a hook at every point where a holder must show it still holds the lease ({@code confirm}) and
 * where it lets go ({@code close}). The hook lets the model pause a worker there and run the other one, take the
 * lease away (lease loss), or kill the worker (a dead worker neither continues nor releases its lease).
 */
final class SteppedLock implements RotationLock {

    static final Duration LEASE = Duration.ofSeconds(30);

    /** Called on the holder's thread at a lease point; may throw {@link WorkerDied} or run something in between. */
    interface Hook {
        void at(Held lease, Point point);
    }

    private final Clock clock;
    private final Map<String, Held> held = new HashMap<>();
    private volatile Hook hook = (lease, point) -> { };

    SteppedLock(Clock clock) {
        this.clock = clock;
    }

    void hook(Hook hook) {
        this.hook = hook == null ? (lease, point) -> { } : hook;
    }

    @Override
    public synchronized Optional<Lease> tryAcquire(SecretRef secret) {
        String key = secret.toString().toLowerCase(Locale.ROOT);
        Held current = held.get(key);
        if (current != null && current.expiresAt.isAfter(clock.instant())) {
            return Optional.empty();
        }
        Held lease = new Held(key, Worker.current(), clock.instant().plus(LEASE));
        held.put(key, lease);
        return Optional.of(lease);
    }

    /** Takes the lease away from its holder, as an expired lease another instance acquired. */
    synchronized void lose(Held lease) {
        held.remove(lease.key, lease);
    }

    /** Takes away every lease {@code worker} holds. */
    synchronized void loseAllOf(int worker) {
        held.values().removeIf(lease -> lease.worker == worker);
    }

    private synchronized boolean holds(Held lease) {
        return held.get(lease.key) == lease && lease.expiresAt.isAfter(clock.instant());
    }

    private synchronized void release(Held lease) {
        held.remove(lease.key, lease);
    }

    /** A worker the model killed: unwinds its thread without running anything else of it. */
    static final class WorkerDied extends Error {
        WorkerDied(Point point) {
            super("worker died before " + point, null, false, false);
        }
    }

    final class Held implements Lease {
        final String key;
        final int worker;
        private Instant expiresAt;
        private boolean dead;

        Held(String key, int worker, Instant expiresAt) {
            this.key = key;
            this.worker = worker;
            this.expiresAt = expiresAt;
        }

        void die() {
            dead = true;
        }

        @Override
        public void confirm(Step step) {
            hook.at(this, Point.before(step));
            if (dead) {
                throw new WorkerDied(Point.before(step));
            }
            if (!holds(this)) {
                throw RotationException.retryable(step, "the rotation lock was lost before " + step);
            }
            synchronized (SteppedLock.this) {
                expiresAt = clock.instant().plus(LEASE);
            }
        }

        @Override
        public void close() {
            if (dead) {
                return;
            }
            hook.at(this, Point.CLOSE);
            if (dead) {
                throw new WorkerDied(Point.CLOSE);
            }
            release(this);
        }
    }
}
