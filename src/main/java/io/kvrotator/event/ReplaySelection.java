package io.kvrotator.event;

import java.time.Instant;

/**
 * Which dead letters a replay takes on: those Event Grid wrote after {@code after} and before {@code before} (either
 * may be null: no bound), oldest first, at most {@code max}; a dry run changes nothing.
 */
public record ReplaySelection(Instant after, Instant before, int max, boolean dryRun) {

    public static final int DEFAULT_MAX = 100;
    public static final int LARGEST_MAX = 1000;

    public ReplaySelection {
        if (max < 1 || max > LARGEST_MAX) {
            throw new IllegalArgumentException("max must be from 1 to " + LARGEST_MAX + ", got " + max);
        }
        if (after != null && before != null && !after.isBefore(before)) {
            throw new IllegalArgumentException("after (" + after + ") must be earlier than before (" + before + ")");
        }
    }

    boolean includes(Instant deadLetteredAt) {
        return (after == null || deadLetteredAt.isAfter(after)) && (before == null || deadLetteredAt.isBefore(before));
    }
}
