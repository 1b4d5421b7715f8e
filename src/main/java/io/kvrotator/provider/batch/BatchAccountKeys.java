package io.kvrotator.provider.batch;

import io.kvrotator.provider.ArmDualKeyService;
import io.kvrotator.provider.ArmResourceId;
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
public final class BatchAccountKeys extends ArmDualKeyService {

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
        super(TYPE, RESOURCE_TYPE, KEYS, "Batch account");
        this.keys = keys;
        this.verifier = verifier;
    }

    @Override
    public Optional<ArmResourceId> parse(String providerAddress) {
        return super.parse(providerAddress)
                .filter(account -> ACCOUNT_NAME.matcher(account.name()).matches());
    }

    @Override
    public Map<String, SecretValue> list(ArmResourceId account) {
        return keys.list(account);
    }

    @Override
    public Optional<SecretValue> regenerate(ArmResourceId account, String keyName) {
        return Optional.of(keys.regenerate(account, keyName));
    }

    @Override
    public void verify(ArmResourceId account, SecretValue key) {
        verifier.verify(account, key);
    }
}
