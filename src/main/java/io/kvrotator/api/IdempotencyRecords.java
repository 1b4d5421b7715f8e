package io.kvrotator.api;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the first outcome of a request carrying an {@code Idempotency-Key} is kept, so that a repeat gets it. Kept
 * in the function app's own storage, so that a repeat reaching another instance gets it too.
 */
public interface IdempotencyRecords {

    /** A request in progress ({@code response} null) or finished with {@code response}. */
    record Entry(String requestFingerprint, Instant expiresAt, ApiResponse response) {
    }

    /**
     * Claims {@code id} for a request with {@code requestFingerprint}: empty when this caller now owns it (no entry,
     * or an expired one); otherwise the entry another request made.
     */
    Optional<Entry> claim(String id, String requestFingerprint, Instant expiresAt);

    /** Records the outcome of a request that claimed {@code id}. */
    void complete(String id, Entry entry);

    /** Gives a claim up, so that a repeat runs the request again (its outcome was not final). */
    void release(String id);
}
