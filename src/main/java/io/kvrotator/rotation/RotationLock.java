package io.kvrotator.rotation;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.vault.SecretRef;
import java.util.Optional;

/**
 * A short exclusive hold on one secret, so that duplicate deliveries, retries and a concurrent manual rotation
 * cannot rotate it twice. The hold is a fence (DESIGN.md section 4, rule L): a holder that cannot show that it
 * still holds it must not issue or store.
 */
public interface RotationLock {

    /** The lease, or empty when another holder has it (the caller fails retryably). */
    Optional<Lease> tryAcquire(SecretRef secret);

    /** The lease, or a retryable failure of step {@link Step#LOCK} when another holder has it. */
    default Lease acquire(SecretRef secret) {
        return Steps.run(Step.LOCK, () -> tryAcquire(secret)).orElseThrow(() ->
                RotationException.retryable(Step.LOCK, "another rotation of " + secret + " is in progress"));
    }

    interface Lease extends AutoCloseable {

        /**
         * Returns normally while the hold is proven (acquired or renewed within the lease duration); otherwise
         * throws a retryable {@link RotationException} for {@code step}: another instance may hold the lock now.
         */
        void confirm(Step step);

        /** Releases the hold; never throws. */
        @Override
        void close();
    }
}
