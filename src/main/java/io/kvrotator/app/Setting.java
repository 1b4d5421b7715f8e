package io.kvrotator.app;

/**
 * Every app setting kv-rotator reads. {@code local.settings.json.template}, the README and the Bicep app settings
 * are checked against this list by the tests.
 */
public enum Setting {
    ALLOWED_VAULTS("ROTATOR_ALLOWED_VAULTS", null,
            "Comma-separated names of the vaults kv-rotator may act on; events and requests for others are refused."),
    KEYVAULT_URL_TEMPLATE("ROTATOR_KEYVAULT_URL_TEMPLATE", "https://{vault}.vault.azure.net",
            "Vault URL with {vault} in it; change only for a sovereign cloud."),
    RESOURCE_MANAGER_ENDPOINT("ROTATOR_RESOURCE_MANAGER_ENDPOINT", "https://management.azure.com/",
            "Azure Resource Manager endpoint used to regenerate storage account keys."),
    STORAGE_BLOB_ENDPOINT_TEMPLATE("ROTATOR_STORAGE_BLOB_ENDPOINT_TEMPLATE", "https://{account}.blob.core.windows.net",
            "Blob endpoint with {account} in it, used to verify a regenerated storage key."),
    NEAR_EXPIRY_DAYS("ROTATOR_NEAR_EXPIRY_DAYS", "30",
            "A version expiring within this many days counts as near expiry (Key Vault raises its event at 30)."),
    STORAGE_KEY_VALIDITY_DAYS("ROTATOR_STORAGE_KEY_VALIDITY_DAYS", "60",
            "Lifetime of a new storage key version when the secret has no ValidityPeriodDays tag."),
    KEYVAULT_WRITES_PER_10S("ROTATOR_KEYVAULT_WRITES_PER_10S", "300",
            "Secret writes kv-rotator allows itself per vault per 10 seconds (Key Vault's service limit)."),
    KEYVAULT_OTHERS_PER_10S("ROTATOR_KEYVAULT_OTHERS_PER_10S", "4000",
            "Other Key Vault operations kv-rotator allows itself per vault per 10 seconds (Key Vault's service limit)."),
    VERIFY_ATTEMPTS("ROTATOR_VERIFY_ATTEMPTS", "6",
            "How many times a new credential is tried before the rotation fails (retryably) without storing it."),
    VERIFY_FIRST_DELAY_MS("ROTATOR_VERIFY_FIRST_DELAY_MS", "1000",
            "Wait before the second verification attempt; doubles per attempt up to 30 s."),
    REQUIRE_CALLER_IDENTITY("ROTATOR_REQUIRE_CALLER_IDENTITY", "false",
            "true: the HTTP API refuses calls without an App Service authentication principal (turn App Service"
                    + " authentication on first)."),
    REQUIRED_CALLER_ROLE("ROTATOR_REQUIRED_CALLER_ROLE", "",
            "Optional app role the HTTP API caller's principal must carry, e.g. KvRotator.Operator."),
    GRAPH_ENDPOINT("ROTATOR_GRAPH_ENDPOINT", "https://graph.microsoft.com/v1.0",
            "Microsoft Graph endpoint, with its version, used to add and remove app registration passwords; change"
                    + " only for a national cloud."),
    ENTRA_AUTHORITY_HOST("ROTATOR_ENTRA_AUTHORITY_HOST", "https://login.microsoftonline.com",
            "Entra ID authority host where a new app secret is proved by acquiring a token with it; change only for"
                    + " a national cloud."),
    ENTRA_TENANT_ID("ROTATOR_ENTRA_TENANT_ID", "",
            "Tenant ID of the app registrations whose secrets are rotated; needed only for AppRegistrationSecret"
                    + " secrets, which fail without it."),
    APP_SECRET_VALIDITY_MONTHS("ROTATOR_APP_SECRET_VALIDITY_MONTHS", "18",
            "Lifetime of a new app registration password when the secret has no ValidityPeriodDays tag."),
    APP_SECRET_OVERLAP_DAYS("ROTATOR_APP_SECRET_OVERLAP_DAYS", "7",
            "How long the password a rotated version replaced keeps working before kv-rotator removes it.");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    /** Null when the setting is required; empty when it is optional and has no default. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
