package io.kvrotator.accessreview;

import java.util.List;

/**
 * What ARM says of a vault itself.
 *
 * @param rbacAuthorization       {@code enableRbacAuthorization}: false means access policies decide who reads
 * @param owners                  the vault resource's {@code Owner} and {@code NotifyTo} tags: who hears of its review
 * @param accessPoliciesReadingSecrets how many access policies grant {@code get} on secrets (ignored in RBAC mode)
 */
public record VaultFacts(String resourceId, boolean rbacAuthorization, List<String> owners,
                         int accessPoliciesReadingSecrets) {

    public VaultFacts {
        owners = List.copyOf(owners);
    }
}
