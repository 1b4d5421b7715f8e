package io.kvrotator.rotation;

import io.kvrotator.vault.KeyVaultNames;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAmount;

/** How long a new version lives: the {@code ValidityPeriodDays} tag, or the provider's default. */
final class ValidityPeriod {

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

    private static Duration parse(String text) {
        if (text.matches("\\d{1,4}")) {
            int days = Integer.parseInt(text);
            if (days >= 1 && days <= MAX_DAYS) {
                return Duration.ofDays(days);
            }
        }
        throw RotationException.terminal("plan", "tag " + Tags.VALIDITY_PERIOD_DAYS
                + " must be a whole number of days from 1 to " + MAX_DAYS + ", not '"
                + KeyVaultNames.printable(text) + "'");
    }
}
