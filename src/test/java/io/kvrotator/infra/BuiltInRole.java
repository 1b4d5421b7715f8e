package io.kvrotator.infra;

/**
 * The Azure built-in roles kv-rotator's deployment assigns for itself, each with the only kind of resource it may be
 * assigned on; the vault roles are custom ({@link CustomRole}) and the roles on rotated resources come from the
 * providers ({@link RequiredRole#all()}). Role definition IDs are from Microsoft's reference,
 * https://learn.microsoft.com/azure/role-based-access-control/built-in-roles (Storage and Integration
 * categories).
 */
public enum BuiltInRole {
    /** Identity-based AzureWebJobsStorage: the role Microsoft documents for the Functions host; covers leases. */
    STORAGE_BLOB_DATA_OWNER("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
            "Microsoft.Storage/storageAccounts"),
    /** The Event Grid system topic's identity writes dead letters, on the dead-letter container only. */
    STORAGE_BLOB_DATA_CONTRIBUTOR("Storage Blob Data Contributor", "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
            "Microsoft.Storage/storageAccounts/blobServices/containers"),
    /** The function publishes rotation events to its own custom topic (Integration category), on that topic only. */
    EVENTGRID_DATA_SENDER("EventGrid Data Sender", "d5a91429-5739-47e2-a06b-3470a27159e7",
            "Microsoft.EventGrid/topics");

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
