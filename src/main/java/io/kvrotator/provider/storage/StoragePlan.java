package io.kvrotator.provider.storage;

import io.kvrotator.provider.RotationPlan;
import io.kvrotator.vault.SecretVersion;

/** A storage key rotation: the account, the key the latest version was proven to hold, and the one to regenerate. */
public record StoragePlan(SecretVersion current, StorageAccountId account, String currentCredentialId,
                          String nextCredentialId) implements RotationPlan {

    @Override
    public String description() {
        return "regenerate " + nextCredentialId + " of storage account " + account.accountName() + "; "
                + currentCredentialId + " stays in use until consumers read the new version";
    }
}
