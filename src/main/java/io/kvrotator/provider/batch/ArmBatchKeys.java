package io.kvrotator.provider.batch;

import com.azure.resourcemanager.batch.BatchManager;
import com.azure.resourcemanager.batch.fluent.BatchAccountsClient;
import com.azure.resourcemanager.batch.fluent.models.BatchAccountKeysInner;
import com.azure.resourcemanager.batch.models.AccountKeyType;
import com.azure.resourcemanager.batch.models.BatchAccountRegenerateKeyParameters;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.provider.ArmManagers;
import io.kvrotator.provider.ArmRetryPolicy;
import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.vault.SecretValue;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@link BatchKeys} over {@code azure-resourcemanager-batch}; one manager per subscription, built on use. The keys
 * exist only while the account allows {@code SharedKey} authentication; otherwise {@code listKeys} fails and the
 * rotation with it, naming ARM's error.
 */
public final class ArmBatchKeys implements BatchKeys {

    private final ArmManagers<BatchManager> managers;

    public ArmBatchKeys(ArmAccess arm) {
        this.managers = arm.managers((http, credential, profile, retry) -> BatchManager.configure()
                .withHttpClient(http).withRetryPolicy(retry).authenticate(credential, profile));
    }

    @Override
    public Map<String, SecretValue> list(ArmResourceId account) {
        return keys(accounts(account).getKeys(account.resourceGroup(), account.name()));
    }

    @Override
    public SecretValue regenerate(ArmResourceId account, String keyName) {
        BatchAccountKeysInner result = accounts(account).regenerateKeyWithResponse(account.resourceGroup(),
                account.name(), new BatchAccountRegenerateKeyParameters()
                        .withKeyName(AccountKeyType.fromString(keyName)), ArmRetryPolicy.sentOnce()).getValue();
        SecretValue value = keys(result).get(keyName);
        if (value == null) {
            throw RotationException.retryable(Step.ROTATE, "regenerateKeys for Batch account " + account.name()
                    + " returned no " + keyName);
        }
        return value;
    }

    @Override
    public String region(ArmResourceId account) {
        String location = accounts(account).getByResourceGroup(account.resourceGroup(), account.name()).location();
        if (location == null || location.isBlank()) {
            throw RotationException.retryable(Step.VERIFY, "Batch account " + account.name() + " has no location");
        }
        // ARM may answer a display name ("West Europe"); endpoints use the short name ("westeurope").
        return location.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static Map<String, SecretValue> keys(BatchAccountKeysInner result) {
        Map<String, SecretValue> keys = new HashMap<>();
        if (result.primary() != null && !result.primary().isEmpty()) {
            keys.put(BatchAccountKeys.PRIMARY, SecretValue.of(result.primary()));
        }
        if (result.secondary() != null && !result.secondary().isEmpty()) {
            keys.put(BatchAccountKeys.SECONDARY, SecretValue.of(result.secondary()));
        }
        return keys;
    }

    private BatchAccountsClient accounts(ArmResourceId account) {
        return managers.of(account.subscriptionId())
                .serviceClient().getBatchAccounts();
    }
}
