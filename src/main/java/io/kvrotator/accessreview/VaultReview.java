package io.kvrotator.accessreview;

import java.util.List;

/**
 * The access review of one vault.
 *
 * @param rbacAuthorization null when the vault's properties could not be read
 * @param readers           every way a principal can read its secret values, or give itself the right
 * @param couldNotCheck     what could not be read, and why: the review says nothing it did not check
 */
public record VaultReview(String vault, String resourceId, Boolean rbacAuthorization, List<String> owners,
                          List<Reader> readers, List<AccessFinding> findings, List<String> couldNotCheck) {

    public VaultReview {
        owners = List.copyOf(owners);
        readers = List.copyOf(readers);
        findings = List.copyOf(findings);
        couldNotCheck = List.copyOf(couldNotCheck);
    }

    public boolean complete() {
        return couldNotCheck.isEmpty();
    }
}
