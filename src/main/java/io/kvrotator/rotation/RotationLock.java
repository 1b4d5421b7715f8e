package io.kvrotator.rotation;

import io.kvrotator.vault.SecretRef;
import java.util.Optional;

/**
 * A short exclusive hold on one secret, so that duplicate deliveries, retries and a concurrent manual rotation
 * cannot rotate it twice.
 */
public interface RotationLock {

    /** The lease, or empty when another holder has it (the caller fails retryably). */
    Optional<Lease> tryAcquire(SecretRef secret);

    interface Lease extends AutoCloseable {
        /** Releases the hold; never throws. */
        @Override
        void close();
    }
}
