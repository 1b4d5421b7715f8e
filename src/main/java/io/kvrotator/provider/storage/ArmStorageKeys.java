package io.kvrotator.provider.storage;

import com.azure.resourcemanager.storage.StorageManager;
import com.azure.resourcemanager.storage.fluent.models.StorageAccountListKeysResultInner;
import com.azure.resourcemanager.storage.models.StorageAccountKey;
import com.azure.resourcemanager.storage.models.StorageAccountRegenerateKeyParameters;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.provider.ArmManagers;
import io.kvrotator.vault.SecretValue;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** {@link StorageKeys} over {@code azure-resourcemanager-storage}; one manager per subscription, built on use. */
public final class ArmStorageKeys implements StorageKeys {

    private final ArmManagers<StorageManager> managers;

    public ArmStorageKeys(ArmAccess arm) {
        this.managers = arm.managers((http, credential, profile) -> StorageManager.configure().withHttpClient(http)
                .authenticate(credential, profile));
    }

    @Override
    public Map<String, SecretValue> list(StorageAccountId account) {
        StorageAccountListKeysResultInner result = manager(account.subscriptionId()).serviceClient()
                .getStorageAccounts().listKeys(account.resourceGroup(), account.accountName());
        Map<String, SecretValue> keys = new HashMap<>();
        result.keys().stream().filter(key -> key.keyName() != null && key.value() != null && !key.value().isEmpty())
                .forEach(key -> keys.put(key.keyName().toLowerCase(Locale.ROOT), SecretValue.of(key.value())));
        return keys;
    }

    @Override
    public SecretValue regenerate(StorageAccountId account, String keyName) {
        StorageAccountListKeysResultInner result = manager(account.subscriptionId()).serviceClient()
                .getStorageAccounts()
                .regenerateKey(account.resourceGroup(), account.accountName(),
                        new StorageAccountRegenerateKeyParameters().withKeyName(keyName));
        return result.keys().stream()
                .filter(key -> keyName.equalsIgnoreCase(key.keyName()))
                .map(StorageAccountKey::value)
                .findFirst()
                .map(SecretValue::of)
                .orElseThrow(() -> RotationException.retryable(Step.ROTATE,
                        "regenerateKey for " + account.accountName() + " returned no " + keyName));
    }

    private StorageManager manager(String subscriptionId) {
        return managers.of(subscriptionId);
    }
}
