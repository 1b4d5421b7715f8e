package io.kvrotator.provider.storage;

import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.util.Configuration;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import com.azure.resourcemanager.storage.fluent.StorageManagementClient;
import com.azure.resourcemanager.storage.fluent.models.StorageAccountListKeysResultInner;
import com.azure.resourcemanager.storage.implementation.StorageManagementClientBuilder;
import com.azure.resourcemanager.storage.models.StorageAccountKey;
import com.azure.resourcemanager.storage.models.StorageAccountRegenerateKeyParameters;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.provider.ArmManagers;
import io.kvrotator.provider.ArmRetryPolicy;
import io.kvrotator.vault.SecretValue;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link StorageKeys} over {@code azure-resourcemanager-storage}: its storage management client, one per subscription,
 * built on use with the pipeline {@code StorageManager} would build. Not the {@code StorageManager} itself, which also
 * builds the authorization and resources managers and their REST clients, which listing and regenerating keys never
 * use: a fresh worker loaded some 390 classes more before its first storage rotation's answer with it.
 */
public final class ArmStorageKeys implements StorageKeys {

    private final ArmManagers<StorageManagementClient> managers;

    public ArmStorageKeys(ArmAccess arm) {
        this.managers = arm.managers((http, credential, profile, retry) -> new StorageManagementClientBuilder()
                .pipeline(HttpPipelineProvider.buildHttpPipeline(credential, profile, null, new HttpLogOptions(),
                        Configuration.getGlobalConfiguration(), retry, List.of(), http))
                .endpoint(profile.getEnvironment().getResourceManagerEndpoint())
                .subscriptionId(profile.getSubscriptionId()).environment(profile.getEnvironment()).buildClient());
    }

    @Override
    public Map<String, SecretValue> list(StorageAccountId account) {
        StorageAccountListKeysResultInner result = client(account.subscriptionId()).getStorageAccounts()
                .listKeys(account.resourceGroup(), account.accountName());
        Map<String, SecretValue> keys = new HashMap<>();
        result.keys().stream().filter(key -> key.keyName() != null && key.value() != null && !key.value().isEmpty())
                .forEach(key -> keys.put(key.keyName().toLowerCase(Locale.ROOT), SecretValue.of(key.value())));
        return keys;
    }

    @Override
    public SecretValue regenerate(StorageAccountId account, String keyName) {
        StorageAccountListKeysResultInner result = client(account.subscriptionId()).getStorageAccounts()
                .regenerateKeyWithResponse(account.resourceGroup(), account.accountName(),
                        new StorageAccountRegenerateKeyParameters().withKeyName(keyName), ArmRetryPolicy.sentOnce())
                .getValue();
        return result.keys().stream()
                .filter(key -> keyName.equalsIgnoreCase(key.keyName()))
                .map(StorageAccountKey::value)
                .findFirst()
                .map(SecretValue::of)
                .orElseThrow(() -> RotationException.retryable(Step.ROTATE,
                        "regenerateKey for " + account.accountName() + " returned no " + keyName));
    }

    private StorageManagementClient client(String subscriptionId) {
        return managers.of(subscriptionId);
    }
}
