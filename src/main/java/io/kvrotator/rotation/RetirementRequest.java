package io.kvrotator.rotation;

import io.kvrotator.vault.SecretRef;
import java.util.Objects;

/**
 * A secret retired without replacement (its system decommissioned, or moved to a managed identity), approved by a
 * second person.
 *
 * @param requestedBy who asked for it, recorded in {@code RetiredBy}
 * @param approvedBy  who approved it, recorded in {@code ApprovedBy}
 */
public record RetirementRequest(SecretRef secret, String requestedBy, String reason, String approvedBy) {

    public RetirementRequest {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(approvedBy, "approvedBy");
    }
}
