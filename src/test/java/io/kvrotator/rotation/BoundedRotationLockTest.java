package io.kvrotator.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.failure.Failure;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.vault.SecretRef;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BoundedRotationLockTest {

    private static final SecretRef A = new SecretRef("kv-prod-payments", "KEY-A");
    private static final SecretRef B = new SecretRef("kv-prod-payments", "KEY-B");
    private static final SecretRef C = new SecretRef("kv-prod-payments", "KEY-C");

    private final InProcessRotationLock locks = new InProcessRotationLock();

    @Test
    @DisplayName("a worker at its limit makes a further rotation wait, then fail retryably at LOCK without taking its lock")
    void fullWorkerFailsRetryablyAfterTheWait() {
        BoundedRotationLock bounded = new BoundedRotationLock(locks, 2, Duration.ofMillis(50));
        RotationLock.Lease a = bounded.acquire(A);
        RotationLock.Lease b = bounded.acquire(B);

        assertThatThrownBy(() -> bounded.acquire(C)).isInstanceOfSatisfying(RotationException.class, e -> {
            assertThat(e.failure()).isInstanceOf(Failure.Retryable.class);
            assertThat(e.failure().step()).isEqualTo(Step.LOCK);
            assertThat(e.failure().message()).contains("already runs 2 rotations", "left for a redelivery");
        });
        assertThat(bounded.tryAcquire(C)).isEmpty();
        assertThat(locks.tryAcquire(C)).as("C's lock was never taken").isPresent();
        a.close();
        b.close();
    }

    @Test
    @DisplayName("a waiting rotation gets the slot a finished one gives back, and runs")
    void waiterRunsWhenASlotFrees() throws Exception {
        BoundedRotationLock bounded = new BoundedRotationLock(locks, 1, Duration.ofSeconds(10));
        RotationLock.Lease a = bounded.acquire(A);
        CompletableFuture<RotationLock.Lease> waiting = CompletableFuture.supplyAsync(() -> bounded.acquire(B));
        Thread.sleep(100);
        assertThat(waiting).isNotDone();

        a.close();

        RotationLock.Lease b = waiting.get(5, TimeUnit.SECONDS);
        b.confirm(Step.ROTATE);
        b.close();
    }

    @Test
    @DisplayName("a lock another holder has gives its slot back at once; closing a lease twice gives back one slot")
    void slotsAreNeverLostOrDoubled() {
        BoundedRotationLock bounded = new BoundedRotationLock(locks, 1, Duration.ofMillis(50));
        Optional<RotationLock.Lease> elsewhere = locks.tryAcquire(A);

        assertThatThrownBy(() -> bounded.acquire(A)).isInstanceOfSatisfying(RotationException.class,
                e -> assertThat(e.failure().message()).contains("another rotation of"));
        RotationLock.Lease b = bounded.acquire(B);
        b.close();
        b.close();
        RotationLock.Lease c = bounded.acquire(C);
        assertThat(bounded.tryAcquire(B)).as("one slot, held by C").isEmpty();
        c.close();
        elsewhere.orElseThrow().close();
        bounded.acquire(A).close();
    }
}
