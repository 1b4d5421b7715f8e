package io.kvrotator.provider;

import io.kvrotator.vault.SecretValue;
import java.time.Instant;

/**
 * A credential a provider has just created.
 *
 * @param expiresOn when the credential itself stops working, if it has such a time; the new Key Vault version
 *                  expires then. Null for credentials without an expiry of their own (storage keys).
 */
public record IssuedCredential(String credentialId, SecretValue value, Instant expiresOn) {
}
