package io.kvrotator.sweep;

/**
 * Where the sweep keeps which alerts it has sent, one record per scope (a vault, the app registrations), and who
 * has had today's digest, with optimistic concurrency: a write names the version it read and fails if someone wrote
 * since. Two sweeps that overlap (a manual run beside the timer) therefore never send the same alert twice, and a
 * second sweep on the same day sends no second digest.
 */
public interface NotificationLedger {

    /** The scope's record and its version; an empty record with a null version when there is none yet. */
    Versioned read(String scope);

    /**
     * Writes the record if the stored one is still at {@code version} (null: if there is none). False when
     * another writer came first: read again and decide again.
     */
    boolean write(String scope, AlertRecord record, String version);

    /** Who has had a digest, and its version; an empty record with a null version when there is none yet. */
    VersionedDigests readDigests();

    /** Writes the digest record if the stored one is still at {@code version} (null: if there is none). */
    boolean writeDigests(DigestRecord record, String version);

    record Versioned(AlertRecord record, String version) {
    }

    record VersionedDigests(DigestRecord record, String version) {
    }
}
