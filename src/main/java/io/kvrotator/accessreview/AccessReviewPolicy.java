package io.kvrotator.accessreview;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the access review looks at and expects (settings {@code ROTATOR_VAULT_RESOURCE_IDS},
 * {@code ROTATOR_ACCESS_REVIEW_EXPECTED_PRINCIPALS}, {@code ROTATOR_IDENTITY_OBJECT_ID}).
 *
 * @param vaults             the managed vaults, in order, by name
 * @param vaultResourceIds   vault name (lower case) to its resource ID; a vault without one cannot be reviewed
 * @param expectedPrincipals object IDs of the service principals expected to read secrets (lower case)
 * @param ownObjectId        the function's own identity, always expected; empty when unknown
 */
public record AccessReviewPolicy(List<String> vaults, Map<String, String> vaultResourceIds,
                                 Set<String> expectedPrincipals, String ownObjectId) {

    public AccessReviewPolicy {
        vaults = List.copyOf(vaults);
        vaultResourceIds = Map.copyOf(vaultResourceIds);
        expectedPrincipals = expectedPrincipals.stream().map(id -> id.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        ownObjectId = ownObjectId == null ? "" : ownObjectId.toLowerCase(Locale.ROOT);
    }

    public static AccessReviewPolicy off(List<String> vaults) {
        return new AccessReviewPolicy(vaults, Map.of(), Set.of(), "");
    }

    /** Whether any vault can be reviewed: without resource IDs the review is off. */
    public boolean enabled() {
        return !vaultResourceIds.isEmpty();
    }

    public Optional<String> resourceIdOf(String vault) {
        return Optional.ofNullable(vaultResourceIds.get(vault.toLowerCase(Locale.ROOT)));
    }

    public boolean expected(String principalId) {
        String id = principalId == null ? "" : principalId.toLowerCase(Locale.ROOT);
        return id.equals(ownObjectId) && !id.isEmpty() || expectedPrincipals.contains(id);
    }
}
