package io.kvrotator.rotation;

import io.kvrotator.failure.Failure;
import io.kvrotator.vault.SecretRef;
import java.time.Instant;

/** How a rotation request ended. */
public sealed interface RotationOutcome {

    SecretRef secret();

    /**
     * A new version holds a new credential.
     *
     * @param credentialExpires the credential itself stops working when its version expires (an app password),
     *                          not only its Key Vault version (a storage key)
     */
    record Rotated(SecretRef secret, String previousVersion, String newVersion, String credentialId,
                   Instant expiresOn, boolean credentialExpires) implements RotationOutcome {
    }

    /** Nothing to do: someone already rotated. Logged, not notified. */
    record Skipped(SecretRef secret, String reason) implements RotationOutcome {
    }

    /** The secret does not exist in the vault. */
    record NotFound(SecretRef secret) implements RotationOutcome {
    }

    /** The latest version is younger than the minimum age; a rotation may run from {@code notBefore}. */
    record TooSoon(SecretRef secret, String version, Instant notBefore) implements RotationOutcome {
    }

    /** The secret has no {@code CredentialType}: its owners were told instead. */
    record NotifiedOnly(SecretRef secret, String version) implements RotationOutcome {
    }

    record Failed(SecretRef secret, Failure failure) implements RotationOutcome {
        public boolean retryable() {
            return failure instanceof Failure.Retryable;
        }
    }
}
