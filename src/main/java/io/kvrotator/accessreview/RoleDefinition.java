package io.kvrotator.accessreview;

import java.util.List;

/**
 * A role definition as ARM resolves it (built-in or custom): whether it lets its holder read secret values, or give
 * itself access that would.
 */
public record RoleDefinition(String id, String roleName, List<Grant> grants) {

    /** Reading a secret's value (Key Vault Secrets User, Officer, Administrator, any role granting it). */
    public static final String READ_SECRET = "Microsoft.KeyVault/vaults/secrets/getSecret/action";
    /** Assigning roles: Owner, User Access Administrator, Role Based Access Control Administrator. */
    public static final String ASSIGN_ROLES = "Microsoft.Authorization/roleAssignments/write";
    /** Writing a vault's access policies (or the whole vault), which in access-policy mode grants secret reads. */
    public static final List<String> WRITE_ACCESS_POLICIES = List.of(
            "Microsoft.KeyVault/vaults/accessPolicies/write", "Microsoft.KeyVault/vaults/write");

    public RoleDefinition {
        grants = List.copyOf(grants);
    }

    public boolean readsSecrets() {
        return Grant.anyAllowsDataAction(grants, READ_SECRET);
    }

    /**
     * Whether the holder can give itself the right to read secret values: by assigning roles, or, in a vault still
     * in access-policy mode, by writing an access policy.
     */
    public boolean canGrantItselfReads(boolean vaultInAccessPolicyMode) {
        return Grant.anyAllowsAction(grants, ASSIGN_ROLES) || vaultInAccessPolicyMode
                && WRITE_ACCESS_POLICIES.stream().anyMatch(action -> Grant.anyAllowsAction(grants, action));
    }
}
