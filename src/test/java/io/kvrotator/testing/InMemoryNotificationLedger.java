package io.kvrotator.testing;

import io.kvrotator.sweep.AlertRecord;
import io.kvrotator.sweep.NotificationLedger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A fake {@link NotificationLedger}: the version is a counter, compared as the blob's ETag would be. */
public final class InMemoryNotificationLedger implements NotificationLedger {

    private final Map<String, Versioned> records = new ConcurrentHashMap<>();
    private int versions;

    @Override
    public synchronized Versioned read(String scope) {
        return records.getOrDefault(scope, new Versioned(AlertRecord.empty(), null));
    }

    @Override
    public synchronized boolean write(String scope, AlertRecord record, String version) {
        Versioned current = records.get(scope);
        String currentVersion = current == null ? null : current.version();
        if (version == null ? currentVersion != null : !version.equals(currentVersion)) {
            return false;
        }
        records.put(scope, new Versioned(record, "v" + ++versions));
        return true;
    }
}
