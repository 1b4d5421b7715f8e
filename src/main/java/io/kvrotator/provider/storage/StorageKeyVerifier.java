package io.kvrotator.provider.storage;

import io.kvrotator.vault.SecretValue;

/** Proves that a storage account key is accepted by the account's data plane. */
public interface StorageKeyVerifier {

    /** Returns normally when the key authenticates; throws the SDK's exception when it does not. */
    void verify(StorageAccountId account, SecretValue key);
}
