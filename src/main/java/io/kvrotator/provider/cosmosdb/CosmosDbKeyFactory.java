package io.kvrotator.provider.cosmosdb;

import io.kvrotator.provider.DualKeyProvider;
import io.kvrotator.provider.ProviderFactory;
import io.kvrotator.provider.ProviderSetting;
import io.kvrotator.provider.RotationRole;
import io.kvrotator.provider.SettingValues;
import java.time.Duration;
import java.util.List;

/**
 * {@code CredentialType=CosmosDbKey}: Cosmos DB account keys, alternating {@code primary}/{@code secondary}
 * (read-write) or {@code primaryReadonly}/{@code secondaryReadonly} (read-only), whichever pair the secret's value
 * belongs to. Verified on the data plane: the account must accept the new key as a master-key signature on
 * {@code GET /dbs}. Azure has no built-in role as narrow as listing and regenerating the keys (DocumentDB Account
 * Contributor may also change and delete accounts), so kv-rotator defines one with exactly those two actions.
 */
public final class CosmosDbKeyFactory implements ProviderFactory {

    public static final ProviderSetting ENDPOINT_TEMPLATE = new ProviderSetting("ROTATOR_COSMOS_ENDPOINT_TEMPLATE",
            "https://{account}.documents.azure.com:443/",
            "Endpoint of a Cosmos DB account with {account} in it, used to verify a regenerated key and in"
                    + " connection strings.");
    public static final ProviderSetting POLL_INTERVAL_MS = new ProviderSetting("ROTATOR_COSMOS_POLL_INTERVAL_MS",
            "5000", "How often a key regeneration, a long-running ARM operation, is polled when ARM's answer gives no"
                    + " Retry-After (milliseconds, 10 to 60000).");
    public static final ProviderSetting VALIDITY_DAYS = new ProviderSetting("ROTATOR_COSMOS_KEY_VALIDITY_DAYS", "60",
            "Lifetime of a new Cosmos DB key version when the secret has no ValidityPeriodDays tag; at least 1.5"
                    + " times ROTATOR_NEAR_EXPIRY_DAYS.");

    @Override
    public String credentialType() {
        return CosmosDbKeys.TYPE;
    }

    @Override
    public List<ProviderSetting> settings() {
        return List.of(ENDPOINT_TEMPLATE, POLL_INTERVAL_MS, VALIDITY_DAYS);
    }

    @Override
    public List<RotationRole> rotationRoles() {
        return List.of(RotationRole.custom(CosmosDbKeys.RESOURCE_TYPE, "kv-rotator Cosmos DB Key Operator",
                List.of("Microsoft.DocumentDB/databaseAccounts/listKeys/action",
                        "Microsoft.DocumentDB/databaseAccounts/regenerateKey/action"),
                "list and regenerate the read-write and read-only keys. No built-in role is as narrow: DocumentDB"
                        + " Account Contributor may also change and delete accounts"));
    }

    @Override
    public ProviderSetting validitySetting() {
        return VALIDITY_DAYS;
    }

    @Override
    public Configured configure(SettingValues values) {
        CosmosEndpoint endpoint = new CosmosEndpoint(values.url(ENDPOINT_TEMPLATE, CosmosEndpoint.PLACEHOLDER));
        Duration pollInterval = Duration.ofMillis(values.integer(POLL_INTERVAL_MS, 10, 60_000));
        Duration validity = Duration.ofDays(values.integer(VALIDITY_DAYS, 1, 3650));
        return configured(validity, context -> new DualKeyProvider<>(new CosmosDbKeys(
                new ArmCosmosDbKeys(context.arm(), pollInterval),
                new CosmosDbKeyVerifier(endpoint, context.httpClient(), context.clock()), endpoint),
                context.verifyRetry(), validity));
    }
}
