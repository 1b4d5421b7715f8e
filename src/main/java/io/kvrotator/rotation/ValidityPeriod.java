package io.kvrotator.rotation;

import io.kvrotator.support.LogText;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAmount;

/** How long a new version lives: the {@code ValidityPeriodDays} tag, or the provider's default. */
public final class ValidityPeriod {

    static final int MAX_DAYS = 3650;

    private ValidityPeriod() {
    }

    static TemporalAmount of(SecretVersion current, TemporalAmount providerDefault) {
        return current.tag(Tags.VALIDITY_PERIOD_DAYS).<TemporalAmount>map(ValidityPeriod::parse).orElse(providerDefault);
    }

    /** {@code now} plus a lifetime, in whole seconds as Key Vault keeps them; calendar periods are added in UTC. */
    static Instant expiryFrom(Instant now, TemporalAmount validity) {
        return now.atOffset(ZoneOffset.UTC).plus(validity).toInstant().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The shortest lifetime that is comfortably longer than the near-expiry window: the window plus half of it, and
     * at least a week more. A version that lives less would be near expiry (and rotated) almost as soon as it is made.
     */
    public static Duration shortestFor(Duration nearExpiryWindow) {
        Duration margin = nearExpiryWindow.dividedBy(2);
        return nearExpiryWindow.plus(margin.compareTo(Duration.ofDays(7)) < 0 ? Duration.ofDays(7) : margin);
    }

    /** The least a lifetime can last: a calendar month counts as 28 days. */
    public static Duration shortestLength(TemporalAmount validity) {
        if (validity instanceof Period period) {
            return Duration.ofDays(period.toTotalMonths() * 28 + period.getDays());
        }
        return Duration.from(validity);
    }

    /** A lifetime as a setting gives it, e.g. {@code 60 days} or {@code 18 months}. */
    public static String describe(TemporalAmount validity) {
        if (validity instanceof Period period && period.getDays() == 0) {
            return period.toTotalMonths() + " months";
        }
        return shortestLength(validity).toDays() + " days";
    }

    /** A terminal failure when {@code validity} is not comfortably longer than the near-expiry window. */
    static void requireLongerThan(Duration nearExpiryWindow, TemporalAmount validity, SecretVersion current,
                                  Instant now) {
        Duration shortest = shortestFor(nearExpiryWindow);
        Duration lifetime = Duration.between(now, expiryFrom(now, validity));
        if (lifetime.compareTo(shortest) < 0) {
            String source = current.tag(Tags.VALIDITY_PERIOD_DAYS).isPresent()
                    ? "tag " + Tags.VALIDITY_PERIOD_DAYS : "the default validity of its credential type";
            throw RotationException.terminal(Step.PLAN, "a new version would live " + lifetime.toDays() + " days ("
                    + source + "), not comfortably longer than the near-expiry window of " + nearExpiryWindow.toDays()
                    + " days: it would be rotated again almost at once; use at least " + shortest.toDays() + " days");
        }
    }

    private static Duration parse(String text) {
        if (text.matches("\\d{1,4}")) {
            int days = Integer.parseInt(text);
            if (days >= 1 && days <= MAX_DAYS) {
                return Duration.ofDays(days);
            }
        }
        throw RotationException.terminal(Step.PLAN, "tag " + Tags.VALIDITY_PERIOD_DAYS
                + " must be a whole number of days from 1 to " + MAX_DAYS + ", not '"
                + LogText.printable(text) + "'");
    }
}
