package io.kvrotator.provider.storage;

import io.kvrotator.provider.CredentialProvider;
import io.kvrotator.provider.IssuedCredential;
import io.kvrotator.provider.RotationPlan;
import io.kvrotator.rotation.RotationException;
import io.kvrotator.support.Retry;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Storage account keys, alternating {@code key1}/{@code key2}: the key the latest version does not hold is
 * regenerated, so the one in use keeps working until every consumer has moved to the new version.
 */
public final class StorageAccountKeyProvider implements CredentialProvider {

    public static final String TYPE = "StorageAccountKey";

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
    public RotationPlan plan(SecretVersion current) {
        String address = current.tag(Tags.PROVIDER_ADDRESS).orElseThrow(() -> RotationException.terminal("plan",
                "tag " + Tags.PROVIDER_ADDRESS + " is missing: set it to the storage account's resource ID"));
        StorageAccountId account = StorageAccountId.parse(address).orElseThrow(() -> RotationException.terminal(
                "plan", "tag " + Tags.PROVIDER_ADDRESS + " is not a storage account resource ID "
                        + "(/subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.Storage/storageAccounts/{name})"));
        String inUse = current.tag(Tags.CREDENTIAL_ID).map(id -> id.toLowerCase(Locale.ROOT)).orElse("");
        String next = switch (inUse) {
            case "key1" -> "key2";
            case "key2" -> "key1";
            default -> throw RotationException.terminal("plan", "tag " + Tags.CREDENTIAL_ID
                    + " must be key1 or key2 (the key this version holds), so the other one can be regenerated");
        };
        return new RotationPlan(current, account.resourceId(), inUse, next,
                "regenerate " + next + " of storage account " + account.accountName() + "; " + inUse
                        + " stays in use until consumers read the new version");
    }

    @Override
    public IssuedCredential issue(RotationPlan plan, Instant expiresOn) {
        return new IssuedCredential(plan.nextCredentialId(),
                keys.regenerate(account(plan), plan.nextCredentialId()), null);
    }

    @Override
    public void verify(RotationPlan plan, IssuedCredential issued) {
        verifyRetry.run("verify", () -> verifier.verify(account(plan), issued.value()));
    }

    @Override
    public void invalidateAllBut(SecretVersion keep) {
        RotationPlan plan = plan(keep);
        keys.regenerate(account(plan), plan.nextCredentialId());
    }

    private static StorageAccountId account(RotationPlan plan) {
        return StorageAccountId.parse(plan.providerAddress()).orElseThrow();
    }
}
