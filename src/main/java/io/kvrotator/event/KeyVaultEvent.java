package io.kvrotator.event;

import io.kvrotator.vault.SecretRef;
import java.time.Instant;

/**
 * A Key Vault secret event that passed parsing: the names in it are valid Key Vault names.
 *
 * @param notBefore may be null (the secret has no {@code nbf})
 * @param expiresOn may be null (the secret has no {@code exp})
 */
public record KeyVaultEvent(
        String id,
        KeyVaultEventType type,
        SecretRef secret,
        String version,
        Instant notBefore,
        Instant expiresOn,
        Instant eventTime) {
}
