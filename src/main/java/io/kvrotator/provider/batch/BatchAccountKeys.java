package io.kvrotator.provider.batch;

import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.provider.DualKeyService;
import io.kvrotator.provider.DualKeys;
import io.kvrotator.vault.SecretValue;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Batch account's shared keys, {@code Primary}/{@code Secondary}: listed and regenerated through ARM, tried on the
 * account's Batch service endpoint with Shared Key authentication. No connection string: consumers hold the account
 * URL, name and key.
 */
public final class BatchAccountKeys implements DualKeyService<ArmResourceId> {

    public static final String TYPE = "BatchAccountKey";
    public static final String RESOURCE_TYPE = "Microsoft.Batch/batchAccounts";
    static final String PRIMARY = "Primary";
    static final String SECONDARY = "Secondary";
    private static final DualKeys KEYS = new DualKeys(PRIMARY, SECONDARY);
    /** Batch account names: 3 to 24 lower-case letters and digits. */
    private static final Pattern ACCOUNT_NAME = Pattern.compile("[a-z0-9]{3,24}");

    private final BatchKeys keys;
    private final BatchKeyVerifier verifier;

    public BatchAccountKeys(BatchKeys keys, BatchKeyVerifier verifier) {
        this.keys = keys;
        this.verifier = verifier;
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
        return "the Batch account's resource ID"
                + " (/subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.Batch/batchAccounts/{name})";
    }

    @Override
    public Optional<ArmResourceId> parse(String providerAddress) {
        return ArmResourceId.parse(providerAddress, RESOURCE_TYPE)
                .filter(account -> ACCOUNT_NAME.matcher(account.name()).matches());
    }

    @Override
    public String resourceId(ArmResourceId account) {
        return account.resourceId();
    }

    @Override
    public String describe(ArmResourceId account) {
        return "Batch account " + account.name();
    }

    @Override
    public Map<String, SecretValue> list(ArmResourceId account) {
        return keys.list(account);
    }

    @Override
    public SecretValue regenerate(ArmResourceId account, String keyName) {
        return keys.regenerate(account, keyName);
    }

    @Override
    public void verify(ArmResourceId account, SecretValue key) {
        verifier.verify(account, key);
    }
}
