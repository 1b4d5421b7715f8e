package io.kvrotator.provider.storage;

import io.kvrotator.failure.RetriedStep;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.provider.CredentialProvider;
import io.kvrotator.provider.DualKeys;
import io.kvrotator.provider.IssuedCredential;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.support.Retry;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;

/**
 * Storage account keys, alternating {@code key1}/{@code key2}: the key the latest version's value is, as listKeys
 * proves, stays in use; the other one is regenerated, so consumers keep working until they read the new version.
 */
public final class StorageAccountKeyProvider implements CredentialProvider<StoragePlan> {

    public static final String TYPE = "StorageAccountKey";
    private static final DualKeys KEYS = new DualKeys("key1", "key2");
    private static final System.Logger LOG = System.getLogger(StorageAccountKeyProvider.class.getName());

    private final StorageKeys keys;
    private final StorageKeyVerifier verifier;
    private final Retry verifyRetry;
    private final Duration defaultValidity;

    public StorageAccountKeyProvider(StorageKeys keys, StorageKeyVerifier verifier, Retry verifyRetry,
                                     Duration defaultValidity) {
        this.keys = keys;
        this.verifier = verifier;
        this.verifyRetry = verifyRetry;
        this.defaultValidity = defaultValidity;
    }

    @Override
    public String credentialType() {
        return TYPE;
    }

    @Override
    public Duration defaultValidity() {
        return defaultValidity;
    }

    @Override
    public StoragePlan plan(SecretVersion current, SecretValue currentValue, ResourceScope scope) {
        String address = current.tag(Tags.PROVIDER_ADDRESS).orElseThrow(() -> RotationException.terminal(Step.PLAN,
                "tag " + Tags.PROVIDER_ADDRESS + " is missing: set it to the storage account's resource ID"));
        StorageAccountId account = StorageAccountId.parse(address).orElseThrow(() -> RotationException.terminal(
                Step.PLAN, "tag " + Tags.PROVIDER_ADDRESS + " is not a storage account resource ID "
                        + "(/subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.Storage/storageAccounts/{name})"));
        scope.requireResource(account.resourceId());
        String inUse = KEYS.holding(keys.list(account), currentValue, "storage account " + account.accountName());
        current.tag(Tags.CREDENTIAL_ID).filter(claimed -> !claimed.equalsIgnoreCase(inUse)).ifPresent(claimed ->
                LOG.log(Level.WARNING, () -> "storage.credential_id_mismatch secret=%s tagged=%s proven=%s (the value decides)"
                        .formatted(current.ref(), claimed, inUse)));
        return new StoragePlan(current, account, inUse, KEYS.other(inUse));
    }

    @Override
    public IssuedCredential issue(StoragePlan plan, Instant expiresOn) {
        return new IssuedCredential(plan.nextCredentialId(),
                keys.regenerate(plan.account(), plan.nextCredentialId()), null);
    }

    @Override
    public void verify(StoragePlan plan, IssuedCredential issued) {
        RetriedStep.run(verifyRetry, Step.VERIFY, () -> verifier.verify(plan.account(), issued.value()));
    }

    @Override
    public void invalidateAllBut(StoragePlan plan, String keepCredentialId) {
        keys.regenerate(plan.account(), KEYS.other(keepCredentialId));
    }

    @Override
    public boolean stillAccepts(StoragePlan plan, SecretValue value) {
        return keys.list(plan.account()).containsValue(value);
    }
}
