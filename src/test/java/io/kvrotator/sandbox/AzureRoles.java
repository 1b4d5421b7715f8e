package io.kvrotator.sandbox;

import java.util.List;

/**
 * Built-in Azure roles the authorization stand-in knows, with their GUIDs and the permissions that matter to the
 * access review, after Microsoft's built-in roles reference (General, Security categories). Abridged: read actions
 * unrelated to Key Vault are left out, which changes nothing the review decides.
 */
public enum AzureRoles {
    OWNER("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner", List.of("*"), List.of(), List.of()),
    CONTRIBUTOR("b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor", List.of("*"),
            List.of("Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write",
                    "Microsoft.Authorization/elevateAccess/Action"), List.of()),
    READER("acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader", List.of("*/read"), List.of(), List.of()),
    USER_ACCESS_ADMINISTRATOR("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator",
            List.of("*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"), List.of(), List.of()),
    KEY_VAULT_ADMINISTRATOR("00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator",
            List.of("Microsoft.Authorization/*/read", "Microsoft.KeyVault/vaults/*/read"), List.of(),
            List.of("Microsoft.KeyVault/vaults/*")),
    KEY_VAULT_SECRETS_OFFICER("b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "Key Vault Secrets Officer",
            List.of("Microsoft.Authorization/*/read", "Microsoft.KeyVault/vaults/*/read"), List.of(),
            List.of("Microsoft.KeyVault/vaults/secrets/*")),
    KEY_VAULT_SECRETS_USER("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User", List.of(), List.of(),
            List.of("Microsoft.KeyVault/vaults/secrets/getSecret/action",
                    "Microsoft.KeyVault/vaults/secrets/readMetadata/action")),
    KEY_VAULT_READER("21090545-7ca7-4776-b22c-e363652d74d2", "Key Vault Reader",
            List.of("Microsoft.Authorization/*/read", "Microsoft.KeyVault/vaults/*/read"), List.of(),
            List.of("Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/secrets/readMetadata/action")),
    KEY_VAULT_CONTRIBUTOR("f25e0fa2-a7c8-4377-a976-54943a77a395", "Key Vault Contributor",
            List.of("Microsoft.Authorization/*/read", "Microsoft.KeyVault/*"),
            List.of("Microsoft.KeyVault/locations/deletedVaults/purge/action"), List.of());

    private final String guid;
    private final String roleName;
    private final List<String> actions;
    private final List<String> notActions;
    private final List<String> dataActions;

    AzureRoles(String guid, String roleName, List<String> actions, List<String> notActions, List<String> dataActions) {
        this.guid = guid;
        this.roleName = roleName;
        this.actions = actions;
        this.notActions = notActions;
        this.dataActions = dataActions;
    }

    public String guid() {
        return guid;
    }

    public String roleName() {
        return roleName;
    }

    public List<String> actions() {
        return actions;
    }

    public List<String> notActions() {
        return notActions;
    }

    public List<String> dataActions() {
        return dataActions;
    }
}
