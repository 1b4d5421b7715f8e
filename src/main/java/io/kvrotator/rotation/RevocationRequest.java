package io.kvrotator.rotation;

import io.kvrotator.vault.SecretRef;

/**
 * A deliberate revocation of a compromised credential.
 *
 * @param compromisedVersion the version whose credential leaked; null means "the latest, unless the latest was
 *                           itself made by a revocation" (so a repeated request does not revoke its own result)
 */
public record RevocationRequest(SecretRef secret, String caller, String reason, String approvedBy,
                                String compromisedVersion) {
}
