package io.kvrotator.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Expiry dates and days left as operations staff read them: UTC, whole days. */
public final class ExpiryText {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ExpiryText() {
    }

    /** Whole days from {@code now} until {@code expiresOn}, rounded down; negative once it has expired. */
    public static long daysLeft(Instant expiresOn, Instant now) {
        return Math.floorDiv(Duration.between(now, expiresOn).toSeconds(), 86_400L);
    }

    public static boolean expired(Instant expiresOn, Instant now) {
        return expiresOn != null && !expiresOn.isAfter(now);
    }

    /** e.g. {@code 2026-12-05 07:00 UTC} */
    public static String utc(Instant instant) {
        return UTC.format(instant);
    }

    /** e.g. {@code 13 days left}, {@code less than a day left}, {@code expired 2 days ago}, {@code no expiry set}. */
    public static String daysLeftText(Instant expiresOn, Instant now) {
        if (expiresOn == null) {
            return "no expiry set";
        }
        if (expired(expiresOn, now)) {
            long ago = Duration.between(expiresOn, now).toDays();
            return ago == 0 ? "expired less than a day ago" : "expired " + ago + (ago == 1 ? " day" : " days") + " ago";
        }
        long left = daysLeft(expiresOn, now);
        return left == 0 ? "less than a day left" : left + (left == 1 ? " day" : " days") + " left";
    }

    /** e.g. {@code 2026-12-05 07:00 UTC (13 days left)} */
    public static String expiry(Instant expiresOn, Instant now) {
        return expiresOn == null ? "no expiry set (policy gap)" : utc(expiresOn) + " (" + daysLeftText(expiresOn, now) + ")";
    }
}
