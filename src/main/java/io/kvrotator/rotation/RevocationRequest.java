package io.kvrotator.rotation;

import io.kvrotator.vault.SecretRef;

/**
 * A deliberate revocation of a compromised credential.
 *
 * @param approvedBy         the second person who approved it; for an emergency revocation, the person the caller
 *                           named, who approved nothing in kv-rotator
 * @param compromisedVersion the version whose credential leaked; null means "the latest, unless the latest was
 *                           itself made by a revocation" (so a repeated request does not revoke its own result)
 * @param emergency          a single-person revocation (setting {@code ROTATOR_EMERGENCY_REVOCATION}): its tags and
 *                           its notice say that no second person approved it
 */
public record RevocationRequest(SecretRef secret, String caller, String reason, String approvedBy,
                                String compromisedVersion, boolean emergency) {

    /** What {@code ApprovedBy} and the notice say of an emergency revocation, before the name the caller gave. */
    public static final String EMERGENCY_APPROVAL = "EMERGENCY single-person revocation, approved by nobody";

    /** A revocation approved by a second person. */
    public RevocationRequest(SecretRef secret, String caller, String reason, String approvedBy,
                             String compromisedVersion) {
        this(secret, caller, reason, approvedBy, compromisedVersion, false);
    }
}
