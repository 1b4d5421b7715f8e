package io.kvrotator.provider.batch;

import io.kvrotator.provider.DualKeyProvider;
import io.kvrotator.provider.ProviderFactory;
import io.kvrotator.provider.ProviderSetting;
import io.kvrotator.provider.RotationRole;
import io.kvrotator.provider.SettingValues;
import java.time.Duration;
import java.util.List;

/**
 * {@code CredentialType=BatchAccountKey}: a Batch account's shared keys, alternating {@code Primary}/{@code
 * Secondary}. Verified by: data plane (List Applications on the account's Batch endpoint, signed with the key by
 * Batch Shared Key authentication). No connection string.
 */
public final class BatchAccountKeyFactory implements ProviderFactory {

    public static final ProviderSetting ENDPOINT_TEMPLATE = new ProviderSetting(
            "ROTATOR_BATCH_ENDPOINT_TEMPLATE", "https://{account}.{region}.batch.azure.com",
            "Batch service endpoint with {account} (and {region}, the account's location) in it, used to verify a"
                    + " regenerated Batch account key.");
    public static final ProviderSetting VALIDITY_DAYS = new ProviderSetting("ROTATOR_BATCH_KEY_VALIDITY_DAYS", "60",
            "Lifetime of a new Batch account key version when the secret has no ValidityPeriodDays tag; at least 1.5"
                    + " times ROTATOR_NEAR_EXPIRY_DAYS.");

    @Override
    public String credentialType() {
        return BatchAccountKeys.TYPE;
    }

    @Override
    public List<ProviderSetting> settings() {
        return List.of(ENDPOINT_TEMPLATE, VALIDITY_DAYS);
    }

    /**
     * No built-in role is this narrow (Contributor grants everything), so a custom role: list and regenerate the
     * keys, and read the account for the region in its Batch endpoint.
     */
    @Override
    public List<RotationRole> rotationRoles() {
        return List.of(RotationRole.custom(BatchAccountKeys.RESOURCE_TYPE, "kv-rotator Batch Account Key Operator",
                List.of("Microsoft.Batch/batchAccounts/read",
                        "Microsoft.Batch/batchAccounts/listkeys/action",
                        "Microsoft.Batch/batchAccounts/regeneratekeys/action"),
                "list and regenerate `Primary`/`Secondary`; read the account (its region, for the Batch endpoint the"
                        + " new key is tried on)"));
    }

    @Override
    public ProviderSetting validitySetting() {
        return VALIDITY_DAYS;
    }

    @Override
    public Configured configure(SettingValues values) {
        String endpointTemplate = values.url(ENDPOINT_TEMPLATE, "{account}");
        Duration validity = Duration.ofDays(values.integer(VALIDITY_DAYS, 1, 3650));
        return configured(validity, context -> {
            ArmBatchKeys keys = new ArmBatchKeys(context.arm());
            return new DualKeyProvider<>(new BatchAccountKeys(keys, new SharedKeyBatchVerifier(endpointTemplate,
                    keys::region, context.httpClient(), context.clock())), context.verifyRetry(), validity);
        });
    }
}
