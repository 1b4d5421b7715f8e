package io.kvrotator.sweep;

import io.kvrotator.notify.ExpiryText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The points before expiry at which an item alerts: e.g. 30, 14, 7, 3 and 1 days, then expired. An item has
 * crossed {@code N days} once it has at most N whole days left. Labels ({@code 30d}, {@code expired}) are what the
 * alert record stores.
 */
public final class AlertThresholds {

    public static final String EXPIRED = "expired";

    private final List<Integer> days;

    public AlertThresholds(List<Integer> days) {
        this.days = days.stream().distinct().sorted(Comparator.reverseOrder()).toList();
    }

    /** The largest threshold: the digest lists items expiring within this many days. */
    public int widest() {
        return days.get(0);
    }

    /** Every threshold crossed at {@code now}, least urgent first; empty when none (or no expiry). */
    public List<String> crossed(Instant expiresOn, Instant now) {
        List<String> crossed = new ArrayList<>();
        if (expiresOn == null) {
            return crossed;
        }
        long daysLeft = ExpiryText.daysLeft(expiresOn, now);
        days.stream().filter(threshold -> daysLeft <= threshold).forEach(threshold -> crossed.add(threshold + "d"));
        if (ExpiryText.expired(expiresOn, now)) {
            crossed.add(EXPIRED);
        }
        return crossed;
    }

    /** The most urgent threshold crossed, unless it was already alerted: that is the one alert to send. */
    public Optional<String> due(Instant expiresOn, Instant now, List<String> alreadySent) {
        List<String> crossed = crossed(expiresOn, now);
        return crossed.isEmpty() || alreadySent.contains(crossed.get(crossed.size() - 1)) ? Optional.empty()
                : Optional.of(crossed.get(crossed.size() - 1));
    }
}
