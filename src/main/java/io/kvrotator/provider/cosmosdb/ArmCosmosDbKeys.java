package io.kvrotator.provider.cosmosdb;

import com.azure.resourcemanager.cosmos.CosmosManager;
import com.azure.resourcemanager.cosmos.fluent.DatabaseAccountsClient;
import com.azure.resourcemanager.cosmos.fluent.models.DatabaseAccountListKeysResultInner;
import com.azure.resourcemanager.cosmos.models.DatabaseAccountRegenerateKeyParameters;
import com.azure.resourcemanager.cosmos.models.KeyKind;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.provider.ArmManagers;
import io.kvrotator.provider.ArmRetryPolicy;
import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.vault.SecretValue;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * An account's keys over {@code azure-resourcemanager-cosmos}: {@code listKeys}, and {@code regenerateKey}, a
 * long-running operation that answers nothing: the new key is the one {@code listKeys} gives once it is done.
 */
final class ArmCosmosDbKeys {

    private final ArmManagers<CosmosManager> managers;
    private final Duration pollInterval;

    /** @param pollInterval how often the regeneration is polled when ARM's answer gives no {@code Retry-After} */
    ArmCosmosDbKeys(ArmAccess arm, Duration pollInterval) {
        this.managers = arm.managers((http, credential, profile, retry) -> CosmosManager.configure()
                .withHttpClient(http).withRetryPolicy(retry).authenticate(credential, profile));
        this.pollInterval = pollInterval;
    }

    Map<String, SecretValue> list(ArmResourceId account) {
        DatabaseAccountListKeysResultInner keys = accounts(account).listKeys(account.resourceGroup(), account.name());
        Map<String, SecretValue> byName = new HashMap<>();
        put(byName, CosmosDbKeys.PRIMARY, keys.primaryMasterKey());
        put(byName, CosmosDbKeys.SECONDARY, keys.secondaryMasterKey());
        put(byName, CosmosDbKeys.PRIMARY_READONLY, keys.primaryReadonlyMasterKey());
        put(byName, CosmosDbKeys.SECONDARY_READONLY, keys.secondaryReadonlyMasterKey());
        return byName;
    }

    /** Regenerates {@code keyName} and waits for the operation (the SDK's poller); it answers no key. */
    void regenerate(ArmResourceId account, String keyName) {
        accounts(account).beginRegenerateKey(account.resourceGroup(), account.name(),
                new DatabaseAccountRegenerateKeyParameters().withKeyKind(KeyKind.fromString(keyName)),
                ArmRetryPolicy.sentOnce()).setPollInterval(pollInterval).getFinalResult();
    }

    private static void put(Map<String, SecretValue> byName, String name, String value) {
        if (value != null && !value.isEmpty()) {
            byName.put(name, SecretValue.of(value));
        }
    }

    private DatabaseAccountsClient accounts(ArmResourceId account) {
        return managers.of(account.subscriptionId())
                .serviceClient().getDatabaseAccounts();
    }
}
