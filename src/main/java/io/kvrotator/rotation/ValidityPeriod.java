package io.kvrotator.rotation;

import io.kvrotator.vault.KeyVaultNames;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.time.Duration;

/** How long a new version lives: the {@code ValidityPeriodDays} tag, or the provider's default. */
final class ValidityPeriod {

    static final int MAX_DAYS = 3650;

    private ValidityPeriod() {
    }

    static Duration of(SecretVersion current, Duration providerDefault) {
        return current.tag(Tags.VALIDITY_PERIOD_DAYS).map(ValidityPeriod::parse).orElse(providerDefault);
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
