package io.kvrotator.provider.cosmosdb;

import io.kvrotator.provider.ArmDualKeyService;
import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.provider.ConnectionStrings;
import io.kvrotator.provider.DualKeys;
import io.kvrotator.vault.SecretValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cosmos DB account keys: two independent pairs, read-write {@code primary}/{@code secondary} and read-only
 * {@code primaryReadonly}/{@code secondaryReadonly}. The value a secret holds decides its pair, and only the other
 * key of that pair is regenerated: a read-only secret never touches the read-write keys, nor the other way round.
 * Listed and regenerated through ARM, tried on the account's data plane with a master-key signature.
 */
public final class CosmosDbKeys extends ArmDualKeyService {

    public static final String TYPE = "CosmosDbKey";
    public static final String RESOURCE_TYPE = "Microsoft.DocumentDB/databaseAccounts";
    static final String PRIMARY = "primary";
    static final String SECONDARY = "secondary";
    static final String PRIMARY_READONLY = "primaryReadonly";
    static final String SECONDARY_READONLY = "secondaryReadonly";
    private static final DualKeys READ_WRITE = new DualKeys(PRIMARY, SECONDARY);
    private static final DualKeys READ_ONLY = new DualKeys(PRIMARY_READONLY, SECONDARY_READONLY);

    private final ArmCosmosDbKeys keys;
    private final CosmosDbKeyVerifier verifier;
    private final CosmosConnectionStrings connectionStrings;

    CosmosDbKeys(ArmCosmosDbKeys keys, CosmosDbKeyVerifier verifier, CosmosEndpoint endpoint) {
        super(TYPE, RESOURCE_TYPE, READ_WRITE, "Cosmos DB account");
        this.keys = keys;
        this.verifier = verifier;
        this.connectionStrings = new CosmosConnectionStrings(endpoint);
    }

    @Override
    public List<DualKeys> keyPairs() {
        return List.of(READ_WRITE, READ_ONLY);
    }

    @Override
    public Map<String, SecretValue> list(ArmResourceId account) {
        return keys.list(account);
    }

    @Override
    public Optional<SecretValue> regenerate(ArmResourceId account, String keyName) {
        keys.regenerate(account, keyName);
        return Optional.empty();
    }

    @Override
    public void verify(ArmResourceId account, SecretValue key) {
        verifier.verify(account, key);
    }

    @Override
    public Optional<ConnectionStrings<ArmResourceId>> connectionStrings() {
        return Optional.of(connectionStrings);
    }
}
