package io.kvrotator.api;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link IdempotencyRecords} within one worker: for local runs without a storage account of the app's own. */
public final class InProcessIdempotencyRecords implements IdempotencyRecords {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    public InProcessIdempotencyRecords(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Entry> claim(String id, String requestFingerprint, java.time.Instant expiresAt) {
        Entry existing = entries.get(id);
        if (existing != null && existing.expiresAt().isAfter(clock.instant())) {
            return Optional.of(existing);
        }
        entries.put(id, new Entry(requestFingerprint, expiresAt, null));
        return Optional.empty();
    }

    @Override
    public void complete(String id, Entry entry) {
        entries.put(id, entry);
    }

    @Override
    public void release(String id) {
        entries.remove(id);
    }
}
