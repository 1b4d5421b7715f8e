package io.kvrotator.provider.storage;

import io.kvrotator.provider.DualKeyProvider;
import io.kvrotator.provider.ProviderFactory;
import io.kvrotator.provider.ProviderSetting;
import io.kvrotator.provider.RotationRole;
import io.kvrotator.provider.SettingValues;
import java.time.Duration;
import java.util.List;

/** {@code CredentialType=StorageAccountKey}: storage account keys, alternating key1/key2. */
public final class StorageAccountKeyFactory implements ProviderFactory {

    public static final ProviderSetting BLOB_ENDPOINT_TEMPLATE = new ProviderSetting(
            "ROTATOR_STORAGE_BLOB_ENDPOINT_TEMPLATE", "https://{account}.blob.core.windows.net",
            "Blob endpoint with {account} in it, used to verify a regenerated storage key.");
    public static final ProviderSetting VALIDITY_DAYS = new ProviderSetting("ROTATOR_STORAGE_KEY_VALIDITY_DAYS", "60",
            "Lifetime of a new storage key version when the secret has no ValidityPeriodDays tag; at least 1.5 times"
                    + " ROTATOR_NEAR_EXPIRY_DAYS.");

    @Override
    public String credentialType() {
        return StorageAccountKeys.TYPE;
    }

    @Override
    public List<ProviderSetting> settings() {
        return List.of(BLOB_ENDPOINT_TEMPLATE, VALIDITY_DAYS);
    }

    @Override
    public List<RotationRole> rotationRoles() {
        return List.of(RotationRole.builtIn("Microsoft.Storage/storageAccounts",
                "Storage Account Key Operator Service Role", "81a9662b-bebf-436f-a333-f67b29880f12",
                List.of("Microsoft.Storage/storageAccounts/listkeys/action",
                        "Microsoft.Storage/storageAccounts/regeneratekey/action"),
                "list and regenerate key1/key2"),
                RotationRole.custom("Microsoft.Storage/storageAccounts", "kv-rotator Storage Permission Reader",
                        List.of(), "list its own permissions on the account, for the permission preflight: the"
                                + " built-in key operator role cannot"));
    }

    @Override
    public ProviderSetting validitySetting() {
        return VALIDITY_DAYS;
    }

    @Override
    public Configured configure(SettingValues values) {
        String blobEndpointTemplate = values.url(BLOB_ENDPOINT_TEMPLATE, "{account}");
        Duration validity = Duration.ofDays(values.integer(VALIDITY_DAYS, 1, 3650));
        return configured(validity, context -> new DualKeyProvider<>(new StorageAccountKeys(
                new ArmStorageKeys(context.arm()),
                new BlobStorageKeyVerifier(blobEndpointTemplate, context.httpClient()), blobEndpointTemplate),
                context.verifyRetry(), validity));
    }
}
