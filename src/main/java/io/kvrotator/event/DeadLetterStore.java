package io.kvrotator.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where Event Grid keeps the deliveries it gave up on: each dead letter holds the JSON array of events it could not
 * deliver, every event with Event Grid's {@code deadLetterReason}, {@code deliveryAttempts},
 * {@code lastDeliveryOutcome}, {@code publishTime} and {@code lastDeliveryAttemptTime} added.
 */
public interface DeadLetterStore {

    /** Every dead letter there is now; none when the store does not exist (nothing was ever dead-lettered). */
    List<DeadLetter> list();

    /** The dead letter's content; empty when it is gone (another replay removed it meanwhile). */
    Optional<Content> read(DeadLetter deadLetter);

    /** Removes the dead letter if it is still as read; false when it changed since. Gone already counts as removed. */
    boolean remove(DeadLetter deadLetter, Content asRead);

    /**
     * @param name           where it is kept, to find it again (a blob name)
     * @param deadLetteredAt when Event Grid wrote it
     * @param bytes          its size, so that one too large for an Event Grid delivery is never downloaded
     */
    record DeadLetter(String name, Instant deadLetteredAt, long bytes) {
    }

    /** @param version what {@link #remove} checks the dead letter is still at (a blob's ETag) */
    record Content(String body, String version) {
    }

    /** The store could not be reached or refused; the message is safe to log and to answer with. */
    final class Unavailable extends RuntimeException {

        public Unavailable(String message) {
            super(message, null, false, false);
        }
    }
}
