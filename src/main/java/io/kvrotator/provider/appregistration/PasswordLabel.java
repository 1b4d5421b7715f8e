package io.kvrotator.provider.appregistration;

import io.kvrotator.vault.SecretRef;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The display name kv-rotator gives the passwords it creates, e.g.
 * {@code kv-rotator:kv-dev-payments/PAYMENTS-API-SECRET 2026-11-22T07:01:00Z}: who made it, for which secret, and
 * when. Retirement recognises its own passwords by it and leaves every other password alone.
 */
public final class PasswordLabel {

    public static final String PREFIX = "kv-rotator:";

    private PasswordLabel() {
    }

    public static String of(SecretRef secret, Instant createdAt) {
        return PREFIX + secret + " " + createdAt.truncatedTo(ChronoUnit.SECONDS);
    }

    /** True when kv-rotator made the password named {@code displayName} for {@code secret}. */
    public static boolean isFor(String displayName, SecretRef secret) {
        // Key Vault names are case-insensitive, so the label is compared without case.
        return displayName != null && displayName.toLowerCase(Locale.ROOT)
                .startsWith((PREFIX + secret + " ").toLowerCase(Locale.ROOT));
    }
}
