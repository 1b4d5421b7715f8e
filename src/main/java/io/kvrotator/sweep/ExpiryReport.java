package io.kvrotator.sweep;

import io.kvrotator.notify.ExpiryText;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Everything that expires, as listed at {@code asOf}: what the sweep's digest shows and what
 * {@code GET /api/expiries} returns. Sources that could not be read are named, so a partial report says so.
 */
public record ExpiryReport(Instant asOf, List<ExpiryItem> items, List<UnreadableSource> unreadable) {

    public ExpiryReport {
        items = List.copyOf(items);
        unreadable = List.copyOf(unreadable);
    }

    /** Expired, or expiring within {@code days} whole days, soonest first. */
    public List<ExpiryItem> expiringWithin(int days) {
        return items.stream()
                .filter(item -> item.expiresOn() != null && ExpiryText.daysLeft(item.expiresOn(), asOf) <= days)
                .sorted(Comparator.comparing(ExpiryItem::expiresOn)).toList();
    }

    /** Secrets with no expiry: the policy asks for one on every secret. */
    public List<ExpiryItem> policyGaps() {
        return items.stream().filter(item -> item.expiresOn() == null).toList();
    }

    public boolean complete() {
        return unreadable.isEmpty();
    }

    /** A source the sweep could not list, and why (no secret in the text). */
    public record UnreadableSource(String scope, String error) {
    }
}
