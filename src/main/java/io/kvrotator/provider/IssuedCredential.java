package io.kvrotator.provider;

import io.kvrotator.vault.SecretValue;
import java.time.Instant;

/**
 * A credential a provider has just created.
 *
 * @param expiresOn   when the credential itself stops working, if it has such a time; the new Key Vault version
 *                    expires then. Null for credentials without an expiry of their own (storage keys).
 * @param readAtIssue what the provider read in order to issue it (an app registration with its passwords), handed
 *                    back to the same provider's verify, discard and retire so that one rotation reads it once. Null
 *                    when there is nothing to hand back; the rotation core never looks at it.
 */
public record IssuedCredential(String credentialId, SecretValue value, Instant expiresOn, Object readAtIssue) {

    public IssuedCredential(String credentialId, SecretValue value, Instant expiresOn) {
        this(credentialId, value, expiresOn, null);
    }
}
