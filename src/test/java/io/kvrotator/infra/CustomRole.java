package io.kvrotator.infra;

import java.util.Set;

/**
 * kv-rotator's custom roles (infra/modules/rotatorRoles.bicep), found in the templates by the start of their role
 * name and checked for exactly these data actions and no control-plane action. No built-in role fits: Key Vault
 * Secrets Officer also deletes, backs up, restores and purges; Key Vault Secrets User cannot write.
 */
public enum CustomRole {
    /** The function on every managed vault: read the latest value, list, write versions, disable and tag old ones. */
    SECRET_ROTATOR("kv-rotator Secret Rotator", Set.of(
            "Microsoft.KeyVault/vaults/secrets/getSecret/action",
            "Microsoft.KeyVault/vaults/secrets/readMetadata/action",
            "Microsoft.KeyVault/vaults/secrets/setSecret/action",
            "Microsoft.KeyVault/vaults/secrets/update/action",
            "Microsoft.KeyVault/vaults/certificates/read")),
    /** The pipeline on the product vault: write versions and read tags, never a value. */
    SECRET_SEEDER("kv-rotator Secret Seeder", Set.of(
            "Microsoft.KeyVault/vaults/secrets/readMetadata/action",
            "Microsoft.KeyVault/vaults/secrets/setSecret/action"));

    private final String roleName;
    private final Set<String> dataActions;

    CustomRole(String roleName, Set<String> dataActions) {
        this.roleName = roleName;
        this.dataActions = dataActions;
    }

    public String roleName() {
        return roleName;
    }

    public Set<String> dataActions() {
        return dataActions;
    }
}
