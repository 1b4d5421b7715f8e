package io.kvrotator.provider.redis;

import io.kvrotator.provider.ArmDualKeyService;
import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.provider.ConnectionStrings;
import io.kvrotator.provider.DualKeys;
import io.kvrotator.vault.SecretValue;
import java.util.Map;
import java.util.Optional;

/**
 * Azure Cache for Redis access keys, {@code Primary}/{@code Secondary}: listed and regenerated through ARM, tried on
 * the cache itself with {@code AUTH}.
 */
public final class RedisCacheKeys extends ArmDualKeyService {

    public static final String TYPE = "RedisKey";
    public static final String RESOURCE_TYPE = "Microsoft.Cache/redis";
    static final String PRIMARY = "Primary";
    static final String SECONDARY = "Secondary";
    private static final DualKeys KEYS = new DualKeys(PRIMARY, SECONDARY);

    private final ArmRedisKeys keys;
    private final RespAuthVerifier verifier;
    private final RedisConnectionStrings connectionStrings;

    RedisCacheKeys(ArmRedisKeys keys, RespAuthVerifier verifier, RedisEndpoint endpoint) {
        super(TYPE, RESOURCE_TYPE, KEYS, "Redis cache");
        this.keys = keys;
        this.verifier = verifier;
        this.connectionStrings = new RedisConnectionStrings(endpoint);
    }

    @Override
    public Map<String, SecretValue> list(ArmResourceId cache) {
        return keys.list(cache);
    }

    @Override
    public Optional<SecretValue> regenerate(ArmResourceId cache, String keyName) {
        return Optional.of(keys.regenerate(cache, keyName));
    }

    @Override
    public void verify(ArmResourceId cache, SecretValue key) {
        verifier.verify(cache, key);
    }

    @Override
    public Optional<ConnectionStrings<ArmResourceId>> connectionStrings() {
        return Optional.of(connectionStrings);
    }
}
