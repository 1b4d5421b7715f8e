package io.kvrotator.infra;

/**
 * The Azure built-in roles kv-rotator's deployment assigns for itself, each with the only kind of resource it may be
 * assigned on; the roles on rotated resources come from the providers ({@link RequiredRole#all()}). Role definition IDs are from Microsoft's reference,
 * https://learn.microsoft.com/azure/role-based-access-control/built-in-roles (Security and Storage categories).
 */
public enum BuiltInRole {
    /** The function (and the pipeline that seeds secrets) reads and writes secret versions. */
    KEY_VAULT_SECRETS_OFFICER("Key Vault Secrets Officer", "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
            "Microsoft.KeyVault/vaults"),
    /**
     * The sweep lists certificates and their expiry. Key Vault Reader reads metadata only; Key Vault Certificate
     * User ({@code db79e9a7-68ee-4b58-9aeb-b90e7c24fcba}) could also read private keys, so it is not used.
     */
    KEY_VAULT_READER("Key Vault Reader", "21090545-7ca7-4776-b22c-e363652d74d2", "Microsoft.KeyVault/vaults"),
    /** Identity-based AzureWebJobsStorage: the role Microsoft documents for the Functions host; covers leases. */
    STORAGE_BLOB_DATA_OWNER("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
            "Microsoft.Storage/storageAccounts"),
    /** The Event Grid system topic's identity writes dead letters, on the dead-letter container only. */
    STORAGE_BLOB_DATA_CONTRIBUTOR("Storage Blob Data Contributor", "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
            "Microsoft.Storage/storageAccounts/blobServices/containers");

    private final String roleName;
    private final String id;
    private final String scopeType;

    BuiltInRole(String roleName, String id, String scopeType) {
        this.roleName = roleName;
        this.id = id;
        this.scopeType = scopeType;
    }

    public String roleName() {
        return roleName;
    }

    public String id() {
        return id;
    }

    /** The resource type the role is assigned on; anywhere broader would be more than the job needs. */
    public String scopeType() {
        return scopeType;
    }
}
