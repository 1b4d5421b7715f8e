package io.kvrotator.sweep;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which alerts one scope's items have had, for the expiry each had then: a new version or a moved expiry starts
 * the item's thresholds again.
 */
public record AlertRecord(Map<String, Sent> items) {

    public AlertRecord {
        items = Map.copyOf(items);
    }

    public static AlertRecord empty() {
        return new AlertRecord(Map.of());
    }

    /** The thresholds already alerted for this item at this expiry. */
    public List<String> sent(ExpiryItem item) {
        Sent sent = items.get(item.key());
        return sent != null && sent.expiresOn().equals(item.expiresOn()) ? sent.thresholds() : List.of();
    }

    /** The record for the items listed now: those gone from the source are dropped. */
    public AlertRecord next(Map<String, Sent> current) {
        return new AlertRecord(new TreeMap<>(current));
    }

    public record Sent(Instant expiresOn, List<String> thresholds) {

        public Sent {
            thresholds = List.copyOf(thresholds);
        }
    }
}
