package io.kvrotator.infra;

import java.util.Set;

/**
 * kv-rotator's custom roles on the vaults (infra/modules/rotatorRoles.bicep), found in the templates by the start of
 * their role name and checked for exactly these actions and data actions. No built-in role fits: Key Vault Secrets
 * Officer also deletes, backs up, restores and purges; Key Vault Secrets User cannot write; Reader reads every
 * resource's configuration in scope, where the access review needs access control and the vault only.
 */
public enum CustomRole {
    /** The function on every managed vault: read the latest value, list, write versions, disable and tag old ones. */
    SECRET_ROTATOR("kv-rotator Secret Rotator", Set.of(), Set.of(
            "Microsoft.KeyVault/vaults/secrets/getSecret/action",
            "Microsoft.KeyVault/vaults/secrets/readMetadata/action",
            "Microsoft.KeyVault/vaults/secrets/setSecret/action",
            "Microsoft.KeyVault/vaults/secrets/update/action",
            "Microsoft.KeyVault/vaults/certificates/read")),
    /** The pipeline on the product vault: write versions and read tags, never a value. */
    SECRET_SEEDER("kv-rotator Secret Seeder", Set.of(), Set.of(
            "Microsoft.KeyVault/vaults/secrets/readMetadata/action",
            "Microsoft.KeyVault/vaults/secrets/setSecret/action")),
    /** The function on every managed vault, for the access review: who can read it, and its mode. Reads only. */
    ACCESS_REVIEWER("kv-rotator Access Reviewer", Set.of(
            "Microsoft.Authorization/roleAssignments/read",
            "Microsoft.Authorization/roleDefinitions/read",
            "Microsoft.Authorization/roleAssignmentScheduleInstances/read",
            "Microsoft.Authorization/roleEligibilityScheduleInstances/read",
            "Microsoft.Authorization/permissions/read",
            "Microsoft.KeyVault/vaults/read"), Set.of());

    private final String roleName;
    private final Set<String> actions;
    private final Set<String> dataActions;

    CustomRole(String roleName, Set<String> actions, Set<String> dataActions) {
        this.roleName = roleName;
        this.actions = actions;
        this.dataActions = dataActions;
    }

    public String roleName() {
        return roleName;
    }

    /** Control-plane actions: none but the access reviewer's reads. */
    public Set<String> actions() {
        return actions;
    }

    public Set<String> dataActions() {
        return dataActions;
    }
}
