package io.kvrotator.provider.storage;

import io.kvrotator.provider.ConnectionStrings;
import io.kvrotator.provider.DualKeyService;
import io.kvrotator.provider.DualKeys;
import io.kvrotator.vault.SecretValue;
import java.util.Map;
import java.util.Optional;

/** Storage account keys, {@code key1}/{@code key2}: listed and regenerated through ARM, tried on the blob endpoint. */
public final class StorageAccountKeys implements DualKeyService<StorageAccountId> {

    public static final String TYPE = "StorageAccountKey";
    private static final DualKeys KEYS = new DualKeys("key1", "key2");

    private final StorageKeys keys;
    private final StorageKeyVerifier verifier;
    private final StorageConnectionStrings connectionStrings;

    /** @param blobEndpointTemplate e.g. {@code https://{account}.blob.core.windows.net}, for connection strings */
    public StorageAccountKeys(StorageKeys keys, StorageKeyVerifier verifier, String blobEndpointTemplate) {
        this.keys = keys;
        this.verifier = verifier;
        this.connectionStrings = new StorageConnectionStrings(blobEndpointTemplate);
    }

    @Override
    public String credentialType() {
        return TYPE;
    }

    @Override
    public DualKeys keyNames() {
        return KEYS;
    }

    @Override
    public String addressFormat() {
        return "the storage account's resource ID"
                + " (/subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.Storage/storageAccounts/{name})";
    }

    @Override
    public Optional<StorageAccountId> parse(String providerAddress) {
        return StorageAccountId.parse(providerAddress);
    }

    @Override
    public String resourceId(StorageAccountId account) {
        return account.resourceId();
    }

    @Override
    public String describe(StorageAccountId account) {
        return "storage account " + account.accountName();
    }

    @Override
    public Map<String, SecretValue> list(StorageAccountId account) {
        return keys.list(account);
    }

    @Override
    public Optional<SecretValue> regenerate(StorageAccountId account, String keyName) {
        return Optional.of(keys.regenerate(account, keyName));
    }

    @Override
    public void verify(StorageAccountId account, SecretValue key) {
        verifier.verify(account, key);
    }

    @Override
    public Optional<ConnectionStrings<StorageAccountId>> connectionStrings() {
        return Optional.of(connectionStrings);
    }
}
