package io.kvrotator.testing;

import io.kvrotator.sweep.AlertRecord;
import io.kvrotator.sweep.DigestRecord;
import io.kvrotator.sweep.NotificationLedger;
import java.util.HashMap;
import java.util.Map;

/** A fake {@link NotificationLedger}: the version is a counter, compared as the blob's ETag would be. */
public final class InMemoryNotificationLedger implements NotificationLedger {

    private static final String DIGESTS = "digests";

    private final Map<String, Object> records = new HashMap<>();
    private final Map<String, String> versions = new HashMap<>();
    private int writes;

    @Override
    public synchronized Versioned read(String scope) {
        return new Versioned((AlertRecord) records.getOrDefault("alerts/" + scope, AlertRecord.empty()),
                versions.get("alerts/" + scope));
    }

    @Override
    public synchronized boolean write(String scope, AlertRecord record, String version) {
        return put("alerts/" + scope, record, version);
    }

    @Override
    public synchronized VersionedDigests readDigests() {
        return new VersionedDigests((DigestRecord) records.getOrDefault(DIGESTS, DigestRecord.empty()),
                versions.get(DIGESTS));
    }

    @Override
    public synchronized boolean writeDigests(DigestRecord record, String version) {
        return put(DIGESTS, record, version);
    }

    private boolean put(String key, Object record, String version) {
        String current = versions.get(key);
        if (version == null ? current != null : !version.equals(current)) {
            return false;
        }
        records.put(key, record);
        versions.put(key, "v" + ++writes);
        return true;
    }
}
