package io.kvrotator.provider.storage;

import io.kvrotator.vault.SecretValue;
import java.util.Map;

/** The storage account keys management API (ARM). */
public interface StorageKeys {

    /** The account's current keys by name ({@code key1}, {@code key2}): ARM {@code listKeys}. */
    Map<String, SecretValue> list(StorageAccountId account);

    /** Regenerates {@code keyName} ({@code key1} or {@code key2}) and returns its new value. */
    SecretValue regenerate(StorageAccountId account, String keyName);
}
