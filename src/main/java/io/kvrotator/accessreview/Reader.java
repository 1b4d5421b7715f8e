package io.kvrotator.accessreview;

import java.time.Instant;

/**
 * One way a principal can read a vault's secret values, now or by giving itself the right: a role, where it is
 * assigned, and how it is held.
 *
 * @param activeUntil     when an activated or time-bound role ends; null: never, or not active
 * @param readsSecrets    the role's data actions include reading secret values
 * @param canGrantItself  the role can assign roles (or, in access-policy mode, write access policies)
 */
public record Reader(Holder holder, String roleName, String roleDefinitionId, Access access, Instant activeUntil,
                     ScopeLevel level, String scope, boolean readsSecrets, boolean canGrantItself) {

    /** e.g. {@code Key Vault Secrets User on the vault} or {@code Owner inherited from the subscription}. */
    public String where() {
        return roleName + (level.inherited() ? " inherited from " : " on ") + level.label();
    }
}
