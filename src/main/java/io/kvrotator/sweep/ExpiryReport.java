package io.kvrotator.sweep;

import io.kvrotator.notify.ExpiryText;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything that expires, as listed at {@code asOf}: what the sweep's digest shows and what
 * {@code GET /api/expiries} returns. Sources that could not be read are named, so a partial report says so.
 *
 * @param refusedRecipients owner addresses that will not be mailed (empty when email is off)
 */
public record ExpiryReport(Instant asOf, List<ExpiryItem> items, List<UnreadableSource> unreadable,
                           List<PolicyGap.RecipientOutsideDomains> refusedRecipients) {

    public ExpiryReport {
        items = List.copyOf(items);
        unreadable = List.copyOf(unreadable);
        refusedRecipients = List.copyOf(refusedRecipients);
    }

    public ExpiryReport(Instant asOf, List<ExpiryItem> items, List<UnreadableSource> unreadable) {
        this(asOf, items, unreadable, List.of());
    }

    /** Expired, or expiring within {@code days} whole days, soonest first. */
    public List<ExpiryItem> expiringWithin(int days) {
        return items.stream()
                .filter(item -> item.expiresOn() != null && ExpiryText.daysLeft(item.expiresOn(), asOf) <= days)
                .sorted(Comparator.comparing(ExpiryItem::expiresOn)).toList();
    }

    /** Secrets with no expiry, then owner addresses outside the allowed mail domains. */
    public List<PolicyGap> policyGaps() {
        Stream<PolicyGap> noExpiry = items.stream().filter(item -> item.expiresOn() == null).map(PolicyGap.NoExpiry::new);
        return Stream.concat(noExpiry, refusedRecipients.stream()).toList();
    }

    public boolean complete() {
        return unreadable.isEmpty();
    }

    /** A source the sweep could not list, and why (no secret in the text). */
    public record UnreadableSource(String scope, String error) {
    }
}
