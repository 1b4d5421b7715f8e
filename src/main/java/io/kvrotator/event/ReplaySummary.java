package io.kvrotator.event;

import java.time.Instant;
import java.util.List;

/**
 * What a replay of dead letters did, or in a dry run would do. Names, ids and reasons only: never a secret value.
 *
 * @param replayed  dead letters whose events were all handled and which were removed (dry run: would be replayed)
 * @param left      dead letters left in place, each with why
 * @param skipped   dead letters outside the selection's time window, or removed by someone else meanwhile
 * @param remaining dead letters inside the window that this replay did not take on (its maximum or its time budget
 *                  was reached): replay again
 */
public record ReplaySummary(boolean dryRun, List<Replayed> replayed, List<Left> left, int skipped, int remaining) {

    public ReplaySummary {
        replayed = List.copyOf(replayed);
        left = List.copyOf(left);
    }

    /** How one dead letter ended. */
    public sealed interface Outcome {
        String deadLetter();
    }

    /** @param deadLetterReason why Event Grid gave up on it, when it said (see {@link DeadLetterReasons}) */
    public record Replayed(String deadLetter, Instant deadLetteredAt, String deadLetterReason,
                           List<ReplayedEvent> events) implements Outcome {
        public Replayed {
            events = List.copyOf(events);
        }
    }

    /** @param outcome what the rotator did, e.g. {@code rotated}; null in a dry run */
    public record ReplayedEvent(String eventId, String eventType, String vault, String secret, String version,
                                String outcome, String detail) {
    }

    public record Left(String deadLetter, Instant deadLetteredAt, String deadLetterReason, Why why, String reason)
            implements Outcome {
    }

    /** Why a dead letter stays. */
    public enum Why {
        /** A rotation failed in a way a retry may fix: the next replay tries again. */
        RETRYABLE_FAILURE,
        /** An event is malformed or not for kv-rotator: it never will be; look, then delete the blob. */
        REJECTED_EVENT,
        /** A rotation failed in a way only a person can fix (the owners were told): fix it, then replay again. */
        TERMINAL_FAILURE,
        /** The dead letter could not be read, or is too large to be an Event Grid delivery. */
        UNREADABLE,
        /** Its events were handled, but it could not be removed: the next replay finds them done. */
        NOT_REMOVED
    }
}
