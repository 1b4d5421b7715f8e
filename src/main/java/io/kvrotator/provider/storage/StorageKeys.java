package io.kvrotator.provider.storage;

import io.kvrotator.vault.SecretValue;

/** The storage account keys management API (ARM). */
public interface StorageKeys {

    /** Regenerates {@code keyName} ({@code key1} or {@code key2}) and returns its new value. */
    SecretValue regenerate(StorageAccountId account, String keyName);
}
